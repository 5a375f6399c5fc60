package org.bookworm.ordering.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.HdrHistogram.Histogram;

/** Runs one workload on virtual-thread clients, each loop bounded by a count and a deadline, timing every call. */
final class Measure {
    private static final long HIGHEST_MICROS = Duration.ofMinutes(2).toNanos() / 1_000;

    private Measure() {}

    /** One call of a client; returns the number of events it wrote or read. */
    @FunctionalInterface
    interface Call {
        long run(int client, long iteration) throws Exception;
    }

    /** What one workload did: calls, events, wall time and the latency of every call in microseconds. */
    record Result(long calls, long events, double seconds, Histogram micros) {
        double callsPerSecond() {
            return calls / seconds;
        }

        double eventsPerSecond() {
            return events / seconds;
        }

        double p50Millis() {
            return micros.getValueAtPercentile(50) / 1_000.0;
        }

        double p99Millis() {
            return micros.getValueAtPercentile(99) / 1_000.0;
        }
    }

    static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    static Result run(int clients, Duration duration, long maxCallsPerClient, Call call) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        var futures = new ArrayList<Future<long[]>>();
        var histograms = new ArrayList<Histogram>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int client = 0; client < clients; client++) {
                int me = client;
                Histogram mine = histogram();
                histograms.add(mine);
                futures.add(executor.submit(() -> {
                    long calls = 0;
                    long events = 0;
                    while (calls < maxCallsPerClient && System.nanoTime() < deadline) {
                        long before = System.nanoTime();
                        events += call.run(me, calls);
                        mine.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - before) / 1_000));
                        calls++;
                    }
                    return new long[] {calls, events};
                }));
            }
            long calls = 0;
            long events = 0;
            for (Future<long[]> future : futures) {
                long[] done = get(future);
                calls += done[0];
                events += done[1];
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Histogram all = histogram();
            histograms.forEach(all::add);
            return new Result(calls, events, seconds, all);
        }
    }

    static List<String> percentiles(Histogram micros) {
        return List.of(
                String.format("%.2f", micros.getValueAtPercentile(50) / 1_000.0),
                String.format("%.2f", micros.getValueAtPercentile(99) / 1_000.0));
    }

    private static long[] get(Future<long[]> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException failed) {
            throw new IllegalStateException("a client failed: " + failed.getCause(), failed.getCause());
        }
    }
}
