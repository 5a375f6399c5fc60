package org.bookworm.ordering.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * The embedded PostgreSQL of {@code ordering serve}: a real server (io.zonky binaries) whose cluster lives in
 * {@code <data-dir>/postgres} and outlives the process. Durable: zonky starts the server with {@code -F} (fsync off)
 * and {@code synchronous_commit=off}; both are switched back on here and checked on the running server, so an
 * acknowledged commit is on disk. A server left running by a killed JVM is stopped before the next start.
 */
final class EmbeddedDatabase implements AutoCloseable {
    static final String CLUSTER_DIR = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path cluster;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path cluster) {
        this.postgres = postgres;
        this.cluster = cluster;
    }

    /** What happens to the database when the JVM is asked to exit (Ctrl-C, SIGTERM) before it was closed. */
    enum OnExit {
        /** Stopped by a shutdown hook of its own: an admin verb interrupted mid-way leaves no server behind. */
        STOP,
        /**
         * Left to the caller, who closes it after what uses it ({@code serve}, behind {@link OrderlyExit}): a hook
         * of its own would stop PostgreSQL while the stack still releases its leases.
         */
        LEFT_TO_CALLER
    }

    /** Starts (initialising on first use) the cluster under {@code dataDir}; fails if it would not be durable. */
    static EmbeddedDatabase start(Path dataDir) {
        return start(dataDir, OnExit.STOP);
    }

    /** As {@link #start(Path)}, stopped at the JVM's exit as {@code onExit} says. */
    static EmbeddedDatabase start(Path dataDir, OnExit onExit) {
        Path cluster = dataDir.toAbsolutePath().resolve(CLUSTER_DIR);
        requireWritable(dataDir);
        LeftoverPostmaster.stop(cluster);
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(onExit == OnExit.STOP)
                    // later -c settings override zonky's -F and synchronous_commit=off
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(
                            dataDir.resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(
                            dataDir.resolve("postgres.log").toFile()))
                    .start();
        } catch (IOException | RuntimeException failed) {
            throw new UncheckedIOException(
                    "the embedded PostgreSQL in " + cluster + " did not start (see " + dataDir.resolve("postgres.log")
                            + "): " + failed.getMessage(),
                    failed instanceof IOException io ? io : new IOException(failed));
        }
        var database = new EmbeddedDatabase(postgres, cluster);
        database.requireDurable();
        return database;
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    Path cluster() {
        return cluster;
    }

    private void requireDurable() {
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                try (var result = statement.executeQuery("SHOW " + setting)) {
                    result.next();
                    if (!"on".equals(result.getString(1))) {
                        close();
                        String message = "the embedded PostgreSQL runs with " + setting + "=" + result.getString(1)
                                + ": it would lose acknowledged orders";
                        throw new UncheckedIOException(message, new IOException(message));
                    }
                }
            }
        } catch (SQLException unreachable) {
            close();
            throw new UncheckedIOException(
                    "cannot check the embedded PostgreSQL's settings", new IOException(unreachable));
        }
    }

    static void requireWritable(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path probe = Files.createTempFile(dataDir, ".probe", "");
            Files.delete(probe);
        } catch (IOException | SecurityException unwritable) {
            throw new IllegalArgumentException("--data-dir " + dataDir + " is not a writable directory");
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException notStopped) {
            throw new UncheckedIOException("the embedded PostgreSQL did not stop", notStopped);
        }
    }
}
