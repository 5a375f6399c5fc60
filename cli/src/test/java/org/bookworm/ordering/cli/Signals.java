package org.bookworm.ordering.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Signals to processes a test started, always by PID, never by name. */
final class Signals {
    private Signals() {}

    static void send(String signal, List<Long> pids) {
        var command = new ArrayList<String>(List.of("kill", signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        try {
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill " + signal + " " + pids + " failed");
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError(interrupted);
        }
    }

    /** The postmaster of a cluster: the first line of its postmaster.pid. */
    static long postmaster(Path clusterDirectory) {
        try {
            return Long.parseLong(Files.readAllLines(clusterDirectory.resolve("postmaster.pid"))
                    .get(0)
                    .strip());
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** Every process {@code parent} forked, and theirs, as they are now (an exited, unreaped one included). */
    static List<Long> descendants(long parent) {
        var pids = new ArrayList<Long>();
        ProcessHandle.of(parent)
                .orElseThrow(() -> new AssertionError("no process " + parent))
                .descendants()
                .forEach(child -> pids.add(child.pid()));
        return pids;
    }
}
