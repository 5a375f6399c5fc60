package org.bookworm.ordering.adapter.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL 15 server of a test's own, in a temporary directory on a free loopback port, for fault tests that stop
 * and restart the database (never the shared server). Started and stopped with {@code pg_ctl}, which signals the
 * postmaster by the pid in its own pid file; as root, PostgreSQL's tools run as the {@code postgres} user, since
 * {@code initdb} refuses root. {@link #close} stops it (immediately) and deletes the directory; every wait is bounded.
 */
final class ThrowawayPostgres implements AutoCloseable {
    private static final Path BIN =
            Path.of(System.getenv().getOrDefault("ORDERING_PG_BIN", "/usr/lib/postgresql/15/bin"));
    private static final long WAIT_SECONDS = 60;

    private final Path dir;
    private final int port;

    private ThrowawayPostgres(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static ThrowawayPostgres start() {
        try {
            Path dir = Files.createTempDirectory("ordering-throwaway-pg-");
            if (asRoot()) {
                UserPrincipal postgres =
                        dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, postgres);
            }
            var server = new ThrowawayPostgres(dir, freePort());
            server.run(
                    BIN.resolve("initdb").toString(),
                    "-D",
                    dir.resolve("data").toString(),
                    "-U",
                    "postgres",
                    "-A",
                    "trust",
                    "--no-sync");
            server.startAgain();
            return server;
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot prepare a throw-away PostgreSQL", failed);
        }
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
    }

    /** Starts the server (again) on the same port and data; returns once it accepts connections. */
    void startAgain() {
        run(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-l",
                dir.resolve("server.log").toString(),
                "-w",
                "-t",
                String.valueOf(WAIT_SECONDS),
                "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start");
    }

    /** A fast shutdown, as {@code pg_ctl restart -m fast} begins: open sessions end with 57P01. */
    void stopFast() {
        stop("fast");
    }

    @Override
    public void close() {
        try {
            if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
                stop("immediate");
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temp directory left behind is harmless; the server is stopped
            }
        }
    }

    private void stop(String mode) {
        run(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                dir.resolve("data").toString(),
                "-m",
                mode,
                "-w",
                "-t",
                String.valueOf(WAIT_SECONDS),
                "stop");
    }

    private void run(String... command) {
        var line = new ArrayList<String>();
        if (asRoot()) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("tools.log").toFile())
                    .start();
            if (!process.waitFor(WAIT_SECONDS + 10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", line) + " did not finish");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", line) + " failed: " + Files.readString(dir.resolve("tools.log")));
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(String.join(" ", line) + " could not run", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + line.get(0), interrupted);
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
