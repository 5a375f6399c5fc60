package org.bookworm.ordering.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.bookworm.ordering.adapter.redis.RedisAdapters;
import org.bookworm.ordering.adapter.redis.RedisConfig;

/**
 * Runs the two workloads issue 7 asks for beyond the event store: PlaceOrder over gRPC against the shipped server
 * (on its own database {@code <run>_shop}, made and dropped like the subjects' databases, and Redis keys under
 * {@code bench:<run>:}, deleted by prefix at the end), then basket operations on Redis through the adapter.
 * Correctness findings go to {@code failures}; a server or Redis that cannot run at all is a {@link
 * ShopServer.SetupProblem}.
 */
final class ShopBench {
    // far more than any run orders: the saga must never fail an order for want of stock
    static final int STOCK = 10_000_000;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final ShopMode mode;
    private final List<String> failures;
    private final PrintStream out;
    private final ShopReport report = new ShopReport();

    ShopBench(ShopMode mode, List<String> failures, PrintStream out) {
        this.mode = mode;
        this.failures = failures;
        this.out = out;
    }

    /** The database is created (and later dropped) by the caller, who registers it for dropping first. */
    ShopReport run(String jdbcUrl, String run, Path serverJar, boolean placeOrders, boolean baskets) throws Exception {
        String redisUrl = RedisKeys.url();
        RedisKeys.requireReachable(redisUrl);
        String prefix = "bench:" + run + ":";
        try {
            if (placeOrders) {
                placeOrders(jdbcUrl, redisUrl, prefix + "server:", serverJar);
            }
            if (baskets) {
                baskets(redisUrl, prefix + "baskets:");
            }
        } finally {
            long deleted = RedisKeys.deleteAll(redisUrl, prefix);
            out.printf("deleted %,d Redis keys under %s%n", deleted, prefix);
        }
        return report;
    }

    private void placeOrders(String jdbcUrl, String redisUrl, String keyPrefix, Path serverJar) throws Exception {
        long start = System.nanoTime();
        try (var server = ShopServer.start(serverJar, jdbcUrl, redisUrl, keyPrefix, START_TIMEOUT)) {
            try (var client = new ShopClient(server.port(), DevTokens.of(server.dataDir()))) {
                client.awaitServing(Duration.ofSeconds(30));
                client.restock(server.books(), STOCK);
                out.printf(
                        "server serving on port %d after %.1f s%n", server.port(), (System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                var buyers = client.createBuyers(mode.buyers(), 32, Duration.ofSeconds(60));
                out.printf(
                        "%,d buyers created and listed in %.1f s%n", buyers.size(), (System.nanoTime() - start) / 1e9);
                var load = new PlaceOrderLoad(buyers, server.books());
                var audit = new OrderAudit(client.admin());
                warmUp(load, audit);
                for (int round = 1; round <= mode.rounds(); round++) {
                    for (int clients : mode.clients()) {
                        var outcome = load.run(clients, mode.measure());
                        // the saga frees the baskets for the next run; how fast it does is a figure of its own
                        var run = new ShopReport.Run(outcome, settle(load, audit));
                        report.add(run);
                        out.println("  " + ShopReport.line(run));
                    }
                }
                var findings = audit.check(load.ledger(), mode.settle(), mode.confirmSample());
                report.audit(findings);
                findings.problems().forEach(problem -> failures.add("PlaceOrder over gRPC: " + problem));
                if (load.shed() > 0) {
                    report.note(String.format(
                            "Calls shed by admission control (RESOURCE_EXHAUSTED) and retried after the server's "
                                    + "RetryInfo delay, same request id: %,d",
                            load.shed()));
                }
                if (load.unavailable() > 0) {
                    report.note(String.format(
                            "Calls answered UNAVAILABLE, ABORTED or DEADLINE_EXCEEDED and retried after a"
                                    + " back-off, same request id: %,d",
                            load.unavailable()));
                }
                load.errors().forEach((call, error) -> {
                    String what = String.format(
                            "%s: %,d times, e.g. %s", call, error.count().get(), error.example());
                    failures.add("PlaceOrder over gRPC, unexpected error " + what);
                    report.note("Unexpected error " + what);
                });
                out.printf(
                        "audit: %,d orders acknowledged, by status %s%n", findings.acknowledged(), findings.byStatus());
            } catch (RuntimeException | InterruptedException failed) {
                System.err.println("the server's last lines:\n" + server.logTail(30));
                throw failed;
            }
            start = System.nanoTime();
        }
        out.printf("server stopped in %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    /**
     * Loads the server for the mode's warm-up before any measured run: runs of at most a measured run's length at the
     * first client count, each followed by the saga's settling (a buyer orders once per run), until the warm-up is
     * spent. The orders count in the audit, not in the figures.
     */
    private void warmUp(PlaceOrderLoad load, OrderAudit audit) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + mode.warmup().toNanos();
        long orders = 0;
        while (System.nanoTime() < end) {
            long slice = Math.min(end - System.nanoTime(), mode.measure().toNanos());
            orders += load.run(mode.clients().get(0), Duration.ofNanos(Math.max(slice, 1)))
                    .orders();
            settle(load, audit);
        }
        out.printf("warmed up with %,d orders in %.1f s%n", orders, (System.nanoTime() - start) / 1e9);
    }

    /** Until the saga has confirmed every order and freed every basket; its time counts both. */
    private OrderAudit.Settled settle(PlaceOrderLoad load, OrderAudit audit) throws InterruptedException {
        long start = System.nanoTime();
        var settled = audit.settle(load.ledger(), mode.settle());
        if (!load.awaitBasketsFree(mode.settle())) {
            out.println("  some baskets are still held after " + mode.settle() + "; the next run will skip them");
        }
        return new OrderAudit.Settled(settled.backlog(), (System.nanoTime() - start) / 1e9, settled.listed());
    }

    /**
     * The demo books start with 1,000 copies each, which a run sells out in seconds: sold-out checkouts would fail and
     * measure the failure path instead. Stock is the inventory's business, which the public API does not expose, so
     * it is set through the PostgreSQL adapter, before any order.
     */
    private void baskets(String redisUrl, String keyPrefix) throws InterruptedException {
        var config = RedisConfig.fromEnvironment().withUri(redisUrl).withKeyPrefix(keyPrefix);
        try (var redis = RedisAdapters.connect(config)) {
            var load = new BasketLoad(redis.baskets(), failures);
            try {
                load.run(mode.clients().get(0), mode.basketWarmup(), mode.maxBasketCyclesPerClient());
                for (int round = 1; round <= mode.rounds(); round++) {
                    for (int clients : mode.clients()) {
                        var outcome = load.run(clients, mode.basketMeasure(), mode.maxBasketCyclesPerClient());
                        report.add(outcome);
                        out.println("  " + ShopReport.line(outcome));
                    }
                }
            } catch (IllegalStateException failed) {
                failures.add("Redis baskets: " + failed.getMessage());
            }
        }
    }
}
