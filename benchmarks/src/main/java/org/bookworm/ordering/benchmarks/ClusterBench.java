package org.bookworm.ordering.benchmarks;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.GetBasketRequest;

/**
 * Issue 15's benchmark ({@code bin/bench-cluster}): the open-loop checkout ({@link CheckoutOpenLoad}: AddItem then
 * PlaceOrder, real checkouts) through nginx against a cluster from {@code bin/cluster} with one replica per service,
 * then with two, in one run, each on a database of its own; and the gateway's cost per call, GetBasket sent
 * alternately to nginx and straight to a Basket replica. For each cluster it reads what an order costs: CPU per
 * service (utime + stime of its replicas from /proc, less what they burn idle, measured just before), PostgreSQL
 * commits ({@code pg_stat_database.xact_commit} of the cluster's database) and WAL bytes ({@code
 * pg_stat_wal.wal_bytes}: server-wide, so other users of a shared PostgreSQL count too). Prints markdown; a problem
 * in the audit of the orders (lost, doubled, not Confirmed) exits 1, slow numbers never do.
 *
 * <p>Arguments: {@code [--rate 5] [--duration 30s] [--calls 400] [--base-port 26300] [--later-background all|none]
 * [--out report.md]}. The cluster of one replica per service takes the base port and the 4 after it, the cluster of
 * two the base port + 10 and the 8 after that.
 */
public final class ClusterBench {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(8);
    private static final Duration WARMUP = Duration.ofSeconds(10);
    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofSeconds(60);

    private final double rate;
    private final Duration duration;
    private final int calls;
    private final int basePort;
    private final String laterBackground;
    private final List<String> failures = new ArrayList<>();

    private ClusterBench(double rate, Duration duration, int calls, int basePort, String laterBackground) {
        this.rate = rate;
        this.duration = duration;
        this.calls = calls;
        this.basePort = basePort;
        this.laterBackground = laterBackground;
    }

    /** What one cluster did under the offer, and what an order cost it. */
    record Measured(
            int replicas,
            CheckoutReport.Measured offer,
            Map<String, Double> cpuMillisPerOrder,
            Map<String, Double> idleCpuPercent,
            double commitsPerOrder,
            double walBytesPerOrder) {}

    /** GetBasket's latency by path, in microseconds. */
    record GatewayCost(Histogram direct, Histogram gateway) {}

    public static void main(String[] args) throws Exception {
        double rate = 5;
        Duration duration = Duration.ofSeconds(30);
        int calls = 400;
        int basePort = 26300;
        String laterBackground = "all";
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--duration" -> duration = CheckoutPlan.duration(args[++i]);
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--base-port" -> basePort = Integer.parseInt(args[++i]);
                case "--later-background" -> laterBackground = args[++i];
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: ClusterBench [--rate 5] [--duration 30s] [--calls 400]"
                            + " [--base-port 26300] [--later-background all|none] [--out report.md]");
                    System.exit(2);
                }
            }
        }
        var bench = new ClusterBench(rate, duration, calls, basePort, laterBackground);
        int exit;
        try {
            String report = bench.run();
            System.out.println(report);
            if (out != null) {
                Files.writeString(out, report);
            }
            bench.failures.forEach(failure -> System.out.println("FAILED: " + failure));
            exit = bench.failures.isEmpty() ? 0 : 1;
        } catch (ShopServer.SetupProblem problem) {
            System.err.println("cluster bench: " + problem.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    private String run() throws Exception {
        var measured = new ArrayList<Measured>();
        GatewayCost cost = null;
        for (int replicas = 1; replicas <= 2; replicas++) {
            var result = cluster(replicas, replicas == 1);
            measured.add(result.measured());
            if (result.cost() != null) {
                cost = result.cost();
            }
        }
        return render(measured, cost);
    }

    private record Result(Measured measured, GatewayCost cost) {}

    private Result cluster(int replicas, boolean gatewayCost) throws Exception {
        String admin = Pg.adminUrl();
        String redisUrl = RedisKeys.url();
        RedisKeys.requireReachable(redisUrl);
        // ports of its own for each cluster: the last one's may still be held by connections closing (TIME_WAIT)
        var settings = Cluster.Settings.scratch(
                "cluster_bench",
                basePort + (replicas - 1) * 10,
                replicas,
                laterBackground,
                Map.of("ORDERING_RATE_LIMIT", "1000000"));
        String database = settings.database();
        Pg.createDatabase(admin, database);
        try {
            System.out.printf(
                    Locale.ROOT, "cluster bench: %d replica(s) per service in %s%n", replicas, settings.runDir());
            try (var cluster = Cluster.up(settings, START_TIMEOUT);
                    var client = new ShopClient(cluster.gatewayPort(), DevTokens.of(cluster.dataDir()))) {
                client.awaitServing(Duration.ofSeconds(60));
                client.restock(cluster.books(), ShopBench.STOCK);
                var buyers = client.createBuyers(CheckoutPlan.buyersFor(rate), 8, Duration.ofSeconds(60));
                var load = new CheckoutOpenLoad(cluster.books());
                var confirmations = new Confirmations(client.admin());
                // warm-up: the JIT, the pools, nginx's keep-alive connections
                load.offer(new ArrivalSchedule(rate, WARMUP), new BuyerPool<>(buyers));
                confirmations.await(Map.of(), SETTLE);
                HeldBaskets.awaitFree(buyers, SETTLE);
                var idleBefore = cpu(cluster);
                Thread.sleep(IDLE);
                var idleAfter = cpu(cluster);
                String jdbcUrl = Pg.urlOf(admin, database);
                long commitsBefore = commits(jdbcUrl, database);
                long walBefore = walBytes(jdbcUrl);
                var cpuBefore = cpu(cluster);
                long start = System.nanoTime();
                var step = load.offer(new ArrivalSchedule(rate, duration), new BuyerPool<>(buyers));
                var read = confirmations.await(step.ledger(), SETTLE);
                Thread.sleep(1_500); // PostgreSQL publishes a backend's counters when it goes idle (up to 1 s)
                var cpuAfter = cpu(cluster);
                double seconds = (System.nanoTime() - start) / 1e9;
                long commits = commits(jdbcUrl, database) - commitsBefore;
                long wal = walBytes(jdbcUrl) - walBefore;
                var problems = new ArrayList<>(read.problems());
                step.doubled().forEach(order -> problems.add("order " + order + " acknowledged twice"));
                step.errors()
                        .forEach((call, error) ->
                                problems.add("unexpected error " + call + ", " + error.count() + " times"));
                problems.forEach(problem -> failures.add(replicas + " replica(s): " + problem));
                var confirm = TimeToConfirm.of(read.stamps().values(), step.windowStart(), step.windowEnd());
                long orders = Math.max(1, step.acknowledged());
                var perOrder = new LinkedHashMap<String, Double>();
                var idle = new LinkedHashMap<String, Double>();
                double idleSeconds = IDLE.toNanos() / 1e9;
                for (String service : cpuBefore.keySet()) {
                    double idleTicksPerSecond = (idleAfter.get(service) - idleBefore.get(service)) / idleSeconds;
                    double ticks = cpuAfter.get(service) - cpuBefore.get(service) - idleTicksPerSecond * seconds;
                    perOrder.put(service, Math.max(0, ticks) * 1000.0 / ProcStat.TICKS_PER_SECOND / orders);
                    idle.put(service, idleTicksPerSecond * 100.0 / ProcStat.TICKS_PER_SECOND);
                }
                var measured = new Measured(
                        replicas,
                        new CheckoutReport.Measured(step, confirm, List.copyOf(problems)),
                        perOrder,
                        idle,
                        (double) commits / orders,
                        (double) wal / orders);
                System.out.println("  " + CheckoutReport.line(measured.offer()));
                System.out.printf(
                        Locale.ROOT,
                        "  per order: CPU ms %s; %.1f commits; %,.0f WAL bytes; idle CPU %% %s%n",
                        perOrder,
                        measured.commitsPerOrder(),
                        measured.walBytesPerOrder(),
                        idle);
                return new Result(measured, gatewayCost ? gatewayCost(cluster, client) : null);
            }
        } finally {
            RedisKeys.deleteAll(redisUrl, settings.redisPrefix());
            Pg.dropDatabase(admin, database);
        }
    }

    /** CPU ticks so far by service (its replicas summed) and of nginx's processes. */
    private static Map<String, Long> cpu(Cluster cluster) throws IOException {
        var ticks = new LinkedHashMap<String, Long>();
        cluster.replicaPids().forEach((replica, pid) -> {
            String service = replica.substring(0, replica.lastIndexOf('-'));
            ticks.merge(service, Math.max(0, ProcStat.cpuTicks(pid)), Long::sum);
        });
        long nginx = cluster.nginxPid();
        long nginxTicks = Math.max(0, ProcStat.cpuTicks(nginx));
        for (long worker : ProcStat.children(nginx)) {
            nginxTicks += Math.max(0, ProcStat.cpuTicks(worker));
        }
        ticks.put("nginx", nginxTicks);
        return ticks;
    }

    /** GetBasket for one buyer, alternately through nginx and straight to basket-1, one call at a time. */
    private GatewayCost gatewayCost(Cluster cluster, ShopClient client) throws IOException {
        ManagedChannel direct = Grpc.newChannelBuilderForAddress(
                        "127.0.0.1", cluster.port("basket", 1), InsecureChannelCredentials.create())
                .build();
        try {
            UUID buyer = UUID.randomUUID();
            var token = ShopClient.bearer(DevTokens.of(cluster.dataDir()).buyer(buyer));
            var viaGateway = client.basketOf(token);
            var straight = BasketServiceGrpc.newBlockingStub(direct).withInterceptors(token);
            var request = GetBasketRequest.getDefaultInstance();
            var directMicros = Measure.histogram();
            var gatewayMicros = Measure.histogram();
            for (int i = 0; i < calls / 10; i++) { // warm both paths
                ShopClient.timed(straight).getBasket(request);
                ShopClient.timed(viaGateway).getBasket(request);
            }
            for (int i = 0; i < calls; i++) {
                long sent = System.nanoTime();
                ShopClient.timed(straight).getBasket(request);
                long between = System.nanoTime();
                ShopClient.timed(viaGateway).getBasket(request);
                long done = System.nanoTime();
                directMicros.recordValue((between - sent) / 1_000);
                gatewayMicros.recordValue((done - between) / 1_000);
            }
            return new GatewayCost(directMicros, gatewayMicros);
        } finally {
            direct.shutdownNow();
            try {
                direct.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long commits(String jdbcUrl, String database) throws SQLException {
        return single(jdbcUrl, "SELECT xact_commit FROM pg_stat_database WHERE datname = '" + database + "'");
    }

    private static long walBytes(String jdbcUrl) throws SQLException {
        return single(jdbcUrl, "SELECT wal_bytes::bigint FROM pg_stat_wal");
    }

    private static long single(String jdbcUrl, String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(jdbcUrl);
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String render(List<Measured> measured, GatewayCost cost) {
        var text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "### Cluster through nginx (bin/bench-cluster --rate %s --duration %ss --calls %d)%n%n"
                        + "Replicas after the first run `--background %s`. One machine: the replicas, nginx,"
                        + " PostgreSQL, Redis and the driver share its cores.%n%n",
                fmt(rate),
                duration.toSeconds(),
                calls,
                laterBackground));
        text.append(
                        "| Replicas per service | Offered/s | Arrivals | PlaceOrder acknowledged/s | PlaceOrder p50 / p99 ms"
                                + " from the turn's intended start | PlaceOrder service time p50 / p99 ms | Checkouts confirmed/s"
                                + " in the window | Time to confirm p50 / p99 / max ms | Held turns (busy / basket held) |"
                                + " Shed / unavailable (retried) | Errors |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Measured cluster : measured) {
            text.append("| ")
                    .append(cluster.replicas())
                    .append(" | ")
                    .append(CheckoutReport.line(cluster.offer()).replaceFirst("^checkout open loop \\| ", ""))
                    .append(" |\n");
        }
        text.append(
                "\n#### What an order costs (CPU less each process's idle burn; all replicas of a service summed)\n\n");
        var services = new ArrayList<>(measured.getFirst().cpuMillisPerOrder().keySet());
        text.append("| Replicas per service | ");
        services.forEach(service -> text.append(service).append(" CPU ms/order | "));
        text.append("PostgreSQL commits/order | WAL bytes/order (server-wide) | Idle CPU % by service |\n|---|");
        services.forEach(service -> text.append("---|"));
        text.append("---|---|---|\n");
        for (Measured cluster : measured) {
            text.append("| ").append(cluster.replicas()).append(" | ");
            services.forEach(service -> text.append(String.format(
                            Locale.ROOT, "%.2f", cluster.cpuMillisPerOrder().get(service)))
                    .append(" | "));
            text.append(String.format(
                    Locale.ROOT,
                    "%.1f | %,.0f | %s |%n",
                    cluster.commitsPerOrder(),
                    cluster.walBytesPerOrder(),
                    cluster.idleCpuPercent().entrySet().stream()
                            .map(entry -> entry.getKey() + " " + String.format(Locale.ROOT, "%.1f", entry.getValue()))
                            .reduce((left, right) -> left + ", " + right)
                            .orElse("")));
        }
        if (cost != null) {
            text.append(String.format(
                    Locale.ROOT,
                    "%n#### The gateway's cost per call (GetBasket, one at a time, %d calls a path, alternating; 1 replica"
                            + " per service)%n%n| Path | p50 µs | p90 µs | p99 µs |%n|---|---|---|---|%n",
                    calls));
            text.append(row("straight to basket-1", cost.direct()));
            text.append(row("through nginx", cost.gateway()));
            text.append(String.format(
                    Locale.ROOT,
                    "%nnginx adds %,d µs at p50 and %,d µs at p99 per call.%n",
                    cost.gateway().getValueAtPercentile(50) - cost.direct().getValueAtPercentile(50),
                    cost.gateway().getValueAtPercentile(99) - cost.direct().getValueAtPercentile(99)));
        }
        return text.toString();
    }

    private static String row(String path, Histogram micros) {
        return String.format(
                Locale.ROOT,
                "| %s | %,d | %,d | %,d |%n",
                path,
                micros.getValueAtPercentile(50),
                micros.getValueAtPercentile(90),
                micros.getValueAtPercentile(99));
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
