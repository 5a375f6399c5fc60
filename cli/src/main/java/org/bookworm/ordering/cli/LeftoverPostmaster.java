package org.bookworm.ordering.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL server a {@code kill -9}ed {@code ordering serve} leaves behind: zonky starts it with {@code pg_ctl}
 * as a daemon, so it outlives the JVM and keeps the cluster locked (its {@code postmaster.pid}).
 */
final class LeftoverPostmaster {
    private static final String ZONKY_LOCK = "epg-lock";
    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    private LeftoverPostmaster() {}

    /**
     * Stops a postmaster that a killed {@code ordering serve} left running on this cluster: SIGTERM (its clients
     * died with the JVM, so a smart shutdown ends at once), then SIGKILL if it does not stop. Refuses when a live
     * {@code ordering serve} still holds the cluster (zonky's lock file is locked).
     */
    static void stop(Path cluster) {
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

    /** Another live process owns the data directory: busy, not broken. */
    static final class DataDirectoryBusy extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        DataDirectoryBusy(String message) {
            super(message);
        }
    }
}
