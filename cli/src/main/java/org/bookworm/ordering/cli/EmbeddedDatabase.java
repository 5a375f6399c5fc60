package org.bookworm.ordering.cli;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL of {@code ordering serve}: a real server (io.zonky binaries) whose cluster lives in
 * {@code <data-dir>/postgres} and outlives the process. Durable: zonky starts the server with {@code -F} (fsync off)
 * and {@code synchronous_commit=off}; both are switched back on here and checked on the running server, so an
 * acknowledged commit is on disk. A server left running by a killed JVM is stopped before the next start.
 */
final class EmbeddedDatabase implements AutoCloseable {
    static final String CLUSTER_DIR = "postgres";
    private static final String ZONKY_LOCK = "epg-lock";
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path cluster;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path cluster) {
        this.postgres = postgres;
        this.cluster = cluster;
    }

    /** Starts (initialising on first use) the cluster under {@code dataDir}; fails if it would not be durable. */
    static EmbeddedDatabase start(Path dataDir) {
        Path cluster = dataDir.toAbsolutePath().resolve(CLUSTER_DIR);
        requireWritable(dataDir);
        stopLeftover(cluster);
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(cluster)
                    .setCleanDataDirectory(false)
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

    /**
     * Stops a postmaster that a killed {@code ordering serve} left running on this cluster: SIGTERM (its clients
     * died with the JVM, so a smart shutdown ends at once), then SIGKILL if it does not stop. Refuses when a live
     * {@code ordering serve} still holds the cluster (zonky's lock file is locked).
     */
    static void stopLeftover(Path cluster) {
        Path pidFile = cluster.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        requireNotInUse(cluster);
        Optional<ProcessHandle> postmaster = postmaster(pidFile);
        if (postmaster.isEmpty()) {
            return; // a stale pid file: PostgreSQL itself replaces it when its pid is not alive
        }
        if (!looksLikePostgres(postmaster.get())) {
            // the pid was reused by another program: PostgreSQL would refuse to start while it lives
            deleteQuietly(pidFile);
            return;
        }
        postmaster.get().destroy();
        if (!awaitExit(postmaster.get(), STOP_WAIT)) {
            postmaster.get().destroyForcibly();
            awaitExit(postmaster.get(), STOP_WAIT);
        }
    }

    private static void requireNotInUse(Path cluster) {
        Path lockFile = cluster.resolve(ZONKY_LOCK);
        if (!Files.exists(lockFile)) {
            return;
        }
        try (var channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new DataDirectoryBusy(
                        "the data directory " + cluster.getParent() + " is in use by another ordering serve");
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot check the lock of " + cluster, unreadable);
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty()
                    ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.getFirst().strip()));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    private static boolean looksLikePostgres(ProcessHandle process) {
        // without a readable command line, assume it is ours rather than leave a server holding the cluster
        return process.info()
                .command()
                .map(command -> command.contains("postgres"))
                .orElse(true);
    }

    private static boolean awaitExit(ProcessHandle process, Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException notYet) {
            return !process.isAlive();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // PostgreSQL reports the lock file itself if it is still there
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

    /** Another live process owns the data directory: busy, not broken. */
    static final class DataDirectoryBusy extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        DataDirectoryBusy(String message) {
            super(message);
        }
    }
}
