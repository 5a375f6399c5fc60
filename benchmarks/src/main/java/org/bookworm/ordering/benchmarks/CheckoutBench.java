package org.bookworm.ordering.benchmarks;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.benchmarks.CheckoutReport.Measured;
import org.bookworm.ordering.benchmarks.ShopClient.Buyer;

/**
 * The open-loop checkout search (issue 13): the shipped server as a child process on a database of its own, buyers
 * with profiles, a warm-up offer, then the {@link RateSearch} over the plan's rates, each offer followed by the read
 * of every order's confirmation ({@link Confirmations}) and a wait for the baskets to be free again. At the end the
 * audit of {@link OrderAudit} over every acknowledged order (warm-up included): all listed once, for their buyer,
 * Confirmed, none that nobody acknowledged. Findings go to {@code failures}; slow numbers never do.
 */
final class CheckoutBench {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final int CREATORS = 32;

    private final CheckoutPlan plan;
    private final List<String> failures;
    private final PrintStream out;
    private final List<Buyer> buyers = new ArrayList<>();
    private final Map<String, UUID> ledger = new HashMap<>();

    CheckoutBench(CheckoutPlan plan, List<String> failures, PrintStream out) {
        this.plan = plan;
        this.failures = failures;
        this.out = out;
    }

    /** The database is created (and later dropped) by the caller. Answers the markdown. */
    String run(String jdbcUrl, String run, Path serverJar) throws Exception {
        String redisUrl = RedisKeys.url();
        RedisKeys.requireReachable(redisUrl);
        String prefix = "bench:" + run + ":checkout:";
        var report = new CheckoutReport(plan);
        try (var server = ShopServer.start(serverJar, jdbcUrl, redisUrl, prefix, START_TIMEOUT)) {
            try (var client = new ShopClient(server.port(), DevTokens.of(server.dataDir()))) {
                client.awaitServing(Duration.ofSeconds(30));
                client.restock(server.books(), ShopBench.STOCK);
                search(client, new CheckoutOpenLoad(server.books()), report);
            } catch (RuntimeException | InterruptedException failed) {
                System.err.println("the server's last lines:\n" + server.logTail(30));
                throw failed;
            }
        } finally {
            RedisKeys.deleteAll(redisUrl, prefix);
        }
        return report.render();
    }

    private void search(ShopClient client, CheckoutOpenLoad load, CheckoutReport report) throws Exception {
        var confirmations = new Confirmations(client.admin());
        double lowest = plan.rates().getFirst();
        if (!plan.warmup().isZero()) {
            offer(client, load, confirmations, new ArrivalSchedule(lowest, plan.warmup()));
            out.printf(Locale.ROOT, "checkout open loop: warmed up at %,.0f/s for %s%n", lowest, plan.warmup());
        }
        var outcome = RateSearch.search(
                plan.rates(),
                rate -> {
                    var measured = offer(client, load, confirmations, new ArrivalSchedule(rate, plan.window()));
                    out.println("  " + CheckoutReport.line(measured));
                    return measured;
                },
                Measured::verdict);
        report.searched(outcome);
        var findings = new OrderAudit(client.admin()).check(ledger, plan.settle(), 1);
        findings.problems().forEach(problem -> failures.add("checkout open loop, audit: " + problem));
        report.note(String.format(
                Locale.ROOT,
                "Audit of every acknowledged order (warm-up included): %,d acknowledged; listed by status %s;"
                        + " problems: %s.",
                findings.acknowledged(),
                findings.byStatus(),
                findings.problems().isEmpty() ? "none" : String.join("; ", findings.problems())));
    }

    /** One offer, then the confirmation of each of its orders and free baskets for the next. */
    private Measured offer(
            ShopClient client, CheckoutOpenLoad load, Confirmations confirmations, ArrivalSchedule schedule)
            throws InterruptedException {
        int pool = CheckoutPlan.buyersFor(schedule.perSecond());
        growPool(client, pool);
        var step = load.offer(schedule, new BuyerPool<>(buyers.subList(0, pool)));
        var read = confirmations.await(step.ledger(), plan.settle());
        var problems = new ArrayList<>(read.problems());
        step.doubled().forEach(order -> problems.add("order " + order + " acknowledged twice"));
        step.ledger().forEach((order, buyer) -> {
            if (ledger.putIfAbsent(order, buyer) != null) {
                problems.add("order " + order + " acknowledged again, in a later offer");
            }
        });
        recordFailures(step, problems);
        if (!HeldBaskets.awaitFree(buyers, plan.settle())) {
            out.println("  some baskets are still held after " + plan.settle() + "; the next offer counts them held");
        }
        var confirm = TimeToConfirm.of(read.stamps().values(), step.windowStart(), step.windowEnd());
        return new Measured(step, confirm, List.copyOf(problems));
    }

    private void recordFailures(CheckoutStep step, List<String> problems) {
        String rate = String.format(Locale.ROOT, "%,.0f/s", step.schedule().perSecond());
        problems.forEach(problem -> failures.add("checkout open loop at " + rate + ": " + problem));
        step.errors()
                .forEach((call, error) -> failures.add(String.format(
                        Locale.ROOT,
                        "checkout open loop at %s: unexpected error %s, %,d times, e.g. %s",
                        rate,
                        call,
                        error.count().get(),
                        error.example())));
    }

    private void growPool(ShopClient client, int wanted) throws InterruptedException {
        if (buyers.size() < wanted) {
            long start = System.nanoTime();
            buyers.addAll(client.moreBuyers(buyers.size(), wanted - buyers.size(), CREATORS, Duration.ofSeconds(120)));
            out.printf(
                    Locale.ROOT,
                    "checkout open loop: %,d buyers, made in %.1f s%n",
                    buyers.size(),
                    (System.nanoTime() - start) / 1e9);
        }
    }
}
