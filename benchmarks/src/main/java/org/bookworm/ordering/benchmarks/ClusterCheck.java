package org.bookworm.ordering.benchmarks;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bookworm.ordering.benchmarks.ShopClient.Buyer;

/**
 * Issue 15's kill test, run by CI ({@code bin/cluster-check}): nginx and two replicas of each service from {@code
 * bin/cluster} on a scratch database ({@code cluster_it_...}) and Redis prefix, with the confirmation e-mails sent to
 * an SMTP server in this process. Under a steady open-loop checkout offer through nginx ({@link CheckoutOpenLoad}:
 * AddItem then PlaceOrder, each a real checkout), replica 1 of each service is killed with SIGKILL in turn, by pid.
 * Afterwards:
 *
 * <ul>
 *   <li>every acknowledged order is listed once, for its buyer, and no other ({@link OrderAudit#compare});
 *   <li>every order is Confirmed within {@value #BOUND_SECONDS} s of its placement or of the kill that caught it
 *       ({@link KillBound}), and every buyer's basket is free again (cleared after its checkout) within that long
 *       after: no partition stalled;
 *   <li>exactly one reservation, one payment authorization and one confirmation e-mail (one outbox row, SENT, whose
 *       Message-ID the SMTP server received) per order ({@link ClusterLedger}), every e-mail sent within 30 s after
 *       the orders were read, also one caught by the kill of notification-1 (ADR 0039). The delivery is at least
 *       once with one Message-ID (ADR 0020): killed between the SMTP server's acceptance and its SENT mark,
 *       notification-1 leaves that one e-mail to be sent again, with the same Message-ID; at most one such copy
 *       per killed notification process is reported, not failed, any other copy fails;
 *   <li>no partition held by two processes, from the fencing records sampled during the load ({@link LeaseWatch}):
 *       a token has one owner and only rises. Before partition leases there are no such records, and that fails too.
 * </ul>
 *
 * <p>Every replica runs {@code --background all} and leases partitions of its service's work (ADR 0034), with a 5 s
 * lease so that a dead replica's partitions move inside the bound. The scratch database is new, so each subscription
 * is split in eight unless {@code ORDERING_PARTITIONS} says otherwise; which replica holds which partitions is printed
 * before the first kill and after the last. With {@code --later-background none} (replica 1
 * alone runs the background, as before leases) killing replica 1 stops Ordering's reactors and this check fails: it
 * did, against main before leases. Exits 0 when it passes, 1 with the problems when not, 2 on a
 * set-up problem. Bounded: about three to four minutes. Every process is stopped by its pid, also on failure.
 *
 * <p>Arguments: {@code [--rate 4] [--base-port 26300] [--later-background all|none]}.
 */
public final class ClusterCheck {
    static final int BOUND_SECONDS = 10;
    private static final Duration BEFORE_FIRST_KILL = Duration.ofSeconds(15);
    private static final Duration BETWEEN_KILLS = Duration.ofSeconds(15);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration SETTLE = Duration.ofSeconds(40);
    /**
     * How long the e-mails may take after the orders were read. A confirmation e-mail that notification-1 was sending
     * when it was killed is sent by the other replica at its next delivery round (500 ms), since an outbox claim dies
     * with its process (ADR 0039); before, it waited the claim's two-minute lease, and this wait was 2.5 minutes.
     */
    private static final Duration MAILS = Duration.ofSeconds(30);

    private ClusterCheck() {}

    public static void main(String[] args) throws Exception {
        double rate = 4;
        int basePort = 26300;
        String laterBackground = "all";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--base-port" -> basePort = Integer.parseInt(args[++i]);
                case "--later-background" -> laterBackground = args[++i];
                default -> {
                    System.err.println(
                            "usage: ClusterCheck [--rate 4] [--base-port 26300] [--later-background all|none]");
                    System.exit(2);
                }
            }
        }
        int exit;
        try {
            List<String> problems = run(rate, basePort, laterBackground);
            if (problems.isEmpty()) {
                System.out.println("cluster check: passed");
                exit = 0;
            } else {
                System.out.println("cluster check: FAILED");
                problems.forEach(problem -> System.out.println("  - " + problem));
                exit = 1;
            }
        } catch (ShopServer.SetupProblem problem) {
            System.err.println("cluster check: " + problem.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    static List<String> run(double rate, int basePort, String laterBackground) throws Exception {
        String admin = Pg.adminUrl();
        String redisUrl = RedisKeys.url();
        RedisKeys.requireReachable(redisUrl);
        // the last port of the cluster's range: the replicas take the ones after the gateway's
        int smtpPort = basePort + 99;
        var smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        var settings = Cluster.Settings.scratch(
                "cluster_it",
                basePort,
                2,
                laterBackground,
                Map.of(
                        "ORDERING_SMTP", "127.0.0.1:" + smtpPort,
                        "ORDERING_RATE_LIMIT", "1000000",
                        // a dead replica's partitions move within the lease plus a third: inside the 10 s bound
                        "CLUSTER_LEASE_DURATION", "5s"));
        smtp.start();
        Pg.createDatabase(admin, settings.database());
        try {
            System.out.printf(
                    Locale.ROOT,
                    "cluster check: starting nginx and 2 replicas of each service (replica 2 --background %s) in %s%n",
                    laterBackground,
                    settings.runDir());
            try (var cluster = Cluster.up(settings, START_TIMEOUT)) {
                return underLoad(cluster, Pg.urlOf(admin, settings.database()), smtp, rate);
            }
        } finally {
            smtp.stop();
            RedisKeys.deleteAll(redisUrl, settings.redisPrefix());
            Pg.dropDatabase(admin, settings.database());
        }
    }

    private static List<String> underLoad(Cluster cluster, String jdbcUrl, GreenMail smtp, double rate)
            throws Exception {
        var problems = new ArrayList<String>();
        try (var client = new ShopClient(cluster.gatewayPort(), DevTokens.of(cluster.dataDir()))) {
            client.awaitServing(Duration.ofSeconds(60));
            client.restock(cluster.books(), ShopBench.STOCK);
            List<Buyer> buyers = client.createBuyers(CheckoutPlan.buyersFor(rate), 8, Duration.ofSeconds(60));
            var load = new CheckoutOpenLoad(cluster.books());
            Duration length = BEFORE_FIRST_KILL.plus(BETWEEN_KILLS.multipliedBy(Cluster.SERVICES.size()));
            var schedule = new ArrivalSchedule(rate, length);
            System.out.printf(Locale.ROOT, "cluster check: offering %.0f checkouts/s for %s%n", rate, length);
            var leases = new LeaseWatch(jdbcUrl);
            var offer = CompletableFuture.supplyAsync(() -> load.offer(schedule, new BuyerPool<>(buyers)));
            var kills = new ArrayList<Instant>();
            Thread.sleep(BEFORE_FIRST_KILL);
            reportHoldings("before the kills", cluster, jdbcUrl);
            for (String service : Cluster.SERVICES) {
                long pid = cluster.pid(service, 1);
                kills.add(cluster.kill(service, 1));
                System.out.printf(Locale.ROOT, "cluster check: kill -9 %s-1 (pid %d)%n", service, pid);
                Thread.sleep(BETWEEN_KILLS);
            }
            CheckoutStep step = offer.join();
            reportHoldings("after the kills", cluster, jdbcUrl);
            System.out.printf(
                    Locale.ROOT,
                    "cluster check: %,d turns, %,d orders acknowledged, %,d turns held, %,d calls retried"
                            + " (unavailable, aborted or past the deadline)%n",
                    step.arrivals(),
                    step.acknowledged(),
                    step.held(),
                    step.unavailable());
            step.doubled().forEach(order -> problems.add("order " + order + " acknowledged twice"));
            step.errors()
                    .forEach((call, error) -> problems.add(String.format(
                            Locale.ROOT,
                            "unexpected error %s, %,d times, e.g. %s",
                            call,
                            error.count().get(),
                            error.example())));
            if (step.acknowledged() == 0) {
                problems.add("no order was acknowledged at all");
            }
            var read = new Confirmations(client.admin()).await(step.ledger(), SETTLE);
            var audit = new OrderAudit(client.admin());
            var listed = audit.settle(step.ledger(), Duration.ofSeconds(5)).listed();
            OrderAudit.compare(step.ledger(), listed, problems);
            problems.addAll(read.problems());
            problems.addAll(new KillBound(kills, Duration.ofSeconds(BOUND_SECONDS)).late(read.stamps()));
            if (!HeldBaskets.awaitFree(buyers, Duration.ofSeconds(BOUND_SECONDS))) {
                problems.add("baskets are still held by their confirmed checkout " + BOUND_SECONDS
                        + " s after the orders were read: basket clearing stalled");
            }
            leases.close();
            problems.addAll(leases.problems());
            reportHandoffs(kills, leases.handoffs());
            var ledger = new ClusterLedger(jdbcUrl);
            ledger.awaitSent(step.ledger().keySet(), MAILS);
            var notes = new ArrayList<String>();
            long senderKills =
                    Cluster.SERVICES.stream().filter("notification"::equals).count();
            problems.addAll(ledger.problems(step.ledger().keySet(), mailsByMessageId(smtp), (int) senderKills, notes));
            notes.forEach(note -> System.out.println("cluster check: " + note));
        } catch (RuntimeException | InterruptedException failed) {
            for (var replica : cluster.replicaPids().keySet()) {
                int dash = replica.lastIndexOf('-');
                var log = cluster.log(replica.substring(0, dash), Integer.parseInt(replica.substring(dash + 1)));
                System.err.println("== " + log + " (end)");
                var lines = Files.readAllLines(log);
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(System.err::println);
            }
            throw failed;
        }
        return problems;
    }

    /** Which replica holds which partitions of each subscription now (the leases live now). */
    private static void reportHoldings(String when, Cluster cluster, String jdbcUrl) {
        try {
            LeaseWatch.holdings(LeaseWatch.heldNow(jdbcUrl), cluster.replicaPids())
                    .forEach(line -> System.out.printf(Locale.ROOT, "cluster check: %s, %s%n", when, line));
        } catch (SQLException unreadable) {
            System.out.printf(Locale.ROOT, "cluster check: %s, the leases could not be read: %s%n", when, unreadable);
        }
    }

    /** Each partition that changed owner, with the time from the kill before its new claim. */
    private static void reportHandoffs(List<Instant> kills, Map<Instant, String> handoffs) {
        handoffs.forEach((claimed, handoff) -> {
            Instant kill = kills.stream()
                    .filter(at -> !at.isAfter(claimed))
                    .reduce((first, second) -> second)
                    .orElse(null);
            System.out.printf(
                    Locale.ROOT,
                    "cluster check: handoff %s at %s%s%n",
                    handoff,
                    claimed,
                    kill == null
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    ", %.1f s after the kill before it",
                                    (claimed.toEpochMilli() - kill.toEpochMilli()) / 1e3));
        });
    }

    /** How many mails arrived per Message-ID ({@code <outbox-row-id@domain>}), by the outbox row's id. */
    private static Map<String, Integer> mailsByMessageId(GreenMail smtp) throws MessagingException {
        var counts = new HashMap<String, Integer>();
        for (var message : smtp.getReceivedMessages()) {
            String id = message.getMessageID();
            if (id != null && id.startsWith("<") && id.contains("@")) {
                counts.merge(id.substring(1, id.indexOf('@')), 1, Integer::sum);
            }
        }
        return counts;
    }
}
