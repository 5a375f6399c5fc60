package org.bookworm.ordering.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The CPU a process used so far, from Linux's {@code /proc/<pid>/stat}: utime + stime in clock ticks (fields 14 and
 * 15, USER_HZ, 100 a second on Linux), as {@code bin/cpu-sample} reads it. A process's name (field 2) is in
 * parentheses and may hold spaces and parentheses itself, so the fields are counted after its last {@code ')'}.
 */
final class ProcStat {
    /** Linux's USER_HZ: the unit of utime and stime. */
    static final int TICKS_PER_SECOND = 100;

    private ProcStat() {}

    /** utime + stime of {@code pid}, or -1 when there is no such process (any more). */
    static long cpuTicks(long pid) {
        String stat = stat(pid);
        return stat == null ? -1 : cpuTicks(stat);
    }

    /**
     * What {@code pid} used so far, from one reading of its stat: utime + stime in ticks, and its minor page faults
     * (field 10, minflt: a PostgreSQL backend whose allocator returns freed memory to the kernel after each statement
     * faults it in again on the next, issue 14). Both -1 when there is no such process (any more).
     */
    static Usage usage(long pid) {
        String stat = stat(pid);
        return stat == null ? new Usage(-1, -1) : new Usage(cpuTicks(stat), field(stat, 10));
    }

    /** CPU ticks and minor faults of one process, read together. */
    record Usage(long cpuTicks, long minorFaults) {}

    /** The text of {@code /proc/<pid>/stat}, or null when there is no such process (any more). */
    private static @Nullable String stat(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException gone) {
            return null;
        }
    }

    /**
     * The pids of {@code pid}'s children (nginx's workers, say): the union of {@code /proc/<pid>/task/<tid>/children}
     * over its threads, since each file lists the children that thread started.
     */
    static List<Long> children(long pid) {
        var children = new ArrayList<Long>();
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads.toList()) {
                try {
                    for (String child :
                            Files.readString(thread.resolve("children")).trim().split("\\s+")) {
                        if (!child.isEmpty()) {
                            children.add(Long.parseLong(child));
                        }
                    }
                } catch (IOException threadGone) {
                    // the thread ended while we listed them: it has no children to report
                }
            }
        } catch (IOException | UncheckedIOException gone) {
            return List.of();
        }
        return List.copyOf(children);
    }

    /** utime + stime from the text of a {@code /proc/<pid>/stat}. */
    static long cpuTicks(String stat) {
        return field(stat, 14) + field(stat, 15);
    }

    /** Field {@code number} (counted from 1, as proc(5) counts them, 3 or later) of a {@code /proc/<pid>/stat} text. */
    static long field(String stat, int number) {
        int nameEnd = stat.lastIndexOf(')');
        if (nameEnd < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + stat);
        }
        // after "pid (comm) ": field 3 (state) is index 0, so field n is index n - 3
        String[] fields = stat.substring(nameEnd + 1).trim().split("\\s+");
        if (number < 3 || fields.length < number - 2) {
            throw new IllegalArgumentException("a /proc/<pid>/stat line without field " + number + ": " + stat);
        }
        return Long.parseLong(fields[number - 3]);
    }
}
