package org.bookworm.ordering.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Overload (issue 11.3): the shipped server is offered 0.5, 1, 2 and 4 times the calls a second it was just measured
 * to sustain, open loop. Goodput should stay near capacity past it, the excess answered RESOURCE_EXHAUSTED at once,
 * the admitted calls' p99 bounded by the admission limit rather than by the offered load, and nothing else: any other
 * error (INTERNAL, UNAVAILABLE from a dropped connection, a deadline) or a stack trace in the server's log fails the
 * run, and the server's log is kept. Calls the driver could not send (it keeps at most as many open as the server's
 * connections run at once) are reported, not failed: they measure the driver. Opt-in ({@code --workloads overload}):
 * on a shared 2-core machine the driver competes with the server for CPU.
 */
final class OverloadBench {
    private static final List<Double> MULTIPLES = List.of(0.5, 1.0, 2.0, 4.0);
    // below the server's admission limit (64), so that measuring capacity is never refused
    private static final int CAPACITY_CLIENTS = 48;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Duration level;
    private final List<String> failures;
    private final PrintStream out;

    OverloadBench(Mode mode, List<String> failures, PrintStream out) {
        this.level = mode.name().equals("full") ? Duration.ofSeconds(15) : Duration.ofSeconds(3);
        this.failures = failures;
        this.out = out;
    }

    /** What one run measured, for the table. */
    private record Result(double capacity, List<String> rows, String loadBefore, String loadAfter, long frames) {}

    /** Runs the levels against a server on {@code jdbcUrl} and answers the markdown table. */
    String run(String jdbcUrl, String run, Path serverJar) throws Exception {
        String redisUrl = RedisKeys.url();
        RedisKeys.requireReachable(redisUrl);
        String prefix = "bench:" + run + ":overload:";
        try (var server = ShopServer.start(serverJar, jdbcUrl, redisUrl, prefix, START_TIMEOUT);
                var client = new ShopClient(server.port(), DevTokens.of(server.dataDir()));
                var load = new OverloadLoad(server.port(), DevTokens.of(server.dataDir()))) {
            client.awaitServing(Duration.ofSeconds(30));
            return table(levels(server, load));
        } finally {
            RedisKeys.deleteAll(redisUrl, prefix);
        }
    }

    private Result levels(ShopServer server, OverloadLoad load) throws InterruptedException, IOException {
        load.capacity(CAPACITY_CLIENTS, level); // warm-up: the JIT, the pools, the token cache
        double capacity = load.capacity(CAPACITY_CLIENTS, level);
        out.printf(
                Locale.ROOT,
                "overload: capacity %,.0f ListOrders/s (%d waiting clients)%n",
                capacity,
                CAPACITY_CLIENTS);
        load.offer(capacity / 2, Duration.ofSeconds(3)); // warm-up of the open-loop path, not reported
        String loadBefore = loadAverage();
        long framesBefore = server.stackFrames();
        var rows = new ArrayList<String>();
        for (double multiple : MULTIPLES) {
            var outcome = load.offer(capacity * multiple, level);
            rows.add(row(multiple, outcome));
            out.println("  " + rows.getLast());
            if (outcome.others() > 0) {
                failures.add(String.format(
                        Locale.ROOT,
                        "overload at %.1fx: errors other than RESOURCE_EXHAUSTED %s",
                        multiple,
                        outcome.otherErrors()));
            }
        }
        long frames = server.stackFrames() - framesBefore;
        if (frames > 0) {
            Path kept = Files.createTempFile("overload-server-", ".log");
            Files.copy(server.dataDir().resolve("server.log"), kept, StandardCopyOption.REPLACE_EXISTING);
            failures.add("overload: " + frames + " stack-trace lines in the server's log; it is kept in " + kept);
        }
        return new Result(capacity, rows, loadBefore, loadAverage(), frames);
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException unreadable) {
            return "unknown";
        }
    }

    private static String row(double multiple, OverloadLoad.Outcome outcome) {
        return String.format(
                Locale.ROOT,
                "| %.1f× | %,.0f | %,d | %,.0f | %,d | %s | %.1f | %.1f |",
                multiple,
                outcome.offeredPerSecond(),
                outcome.notSent(),
                outcome.goodput(),
                outcome.exhausted(),
                outcome.others() == 0 ? "0" : outcome.otherErrors().toString(),
                outcome.admitted().getValueAtPercentile(50) / 1_000.0,
                outcome.admitted().getValueAtPercentile(99) / 1_000.0);
    }

    private String table(Result result) {
        return String.format(
                        Locale.ROOT,
                        "%n### Overload: ListOrders offered open loop past capacity (%,.0f/s with %d waiting clients;"
                                + " %d s per level)%n%n",
                        result.capacity(),
                        CAPACITY_CLIENTS,
                        level.toSeconds())
                + "| offered | offered/s | not sent (driver at 800 open calls) | goodput/s | RESOURCE_EXHAUSTED |"
                + " other errors | admitted p50 ms | admitted p99 ms |\n|---|---|---|---|---|---|---|---|\n"
                + String.join("\n", result.rows()) + "\n\n"
                + "Stack-trace lines in the server's log during the levels: " + result.frames() + ". Load average (1,"
                + " 5, 15 min) before the levels: " + result.loadBefore() + "; after: " + result.loadAfter()
                + " (2 cores, shared with other work).\n";
    }
}
