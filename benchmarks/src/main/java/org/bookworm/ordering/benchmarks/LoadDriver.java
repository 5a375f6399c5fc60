package org.bookworm.ordering.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.bookworm.ordering.benchmarks.Measure.Result;

/**
 * The load driver: runs every workload against each subject on the same PostgreSQL, interleaving the subjects over
 * several rounds after a warm-up, and prints markdown tables of throughput, p50/p99 and the spread over rounds.
 *
 * <p>Then, unless left out with {@code --workloads}, the workloads that are not per-subject comparisons:
 * PlaceOrder over gRPC against the shipped server ({@code ordering serve} from cli's shaded jar, as a child JVM) and
 * basket operations on Redis ({@link ShopBench}), and the open-loop checkout search ({@link CheckoutBench}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.bookworm.ordering.benchmarks.LoadDriver [--mode quick|full]
 * [--subjects raw-jdbc,axon-4.13] [--workloads event-store,place-order,redis-baskets,checkout-open-loop,overload]
 * [--only LOAD_10,...] [--rounds n] [--server-jar cli-all.jar] [--rates 100:1000:100] [--rate-duration 60s]
 * [--warmup 2m | 0 (the server's warm-up before PlaceOrder's rounds and the checkout's rates)]
 * [--out results.md]}. PostgreSQL comes from {@code ORDERING_PG_URL}, Redis from {@code ORDERING_REDIS_URI}. Exit
 * codes: 0 done, 1 a correctness failure (a skipped event, a wrong count, a lost order), 2 a setup problem (no
 * server, fsync off, no server jar). Slow numbers never fail the run.
 */
public final class LoadDriver {
    private static final int CONNECTIONS = 16;
    // Flyway logs every migration step through java.util.logging; keep the driver's output to the tables.
    private static final java.util.logging.Logger FLYWAY = java.util.logging.Logger.getLogger("org.flywaydb");

    static final String EVENT_STORE = "event-store";
    static final String PLACE_ORDER = "place-order";
    static final String REDIS_BASKETS = "redis-baskets";
    static final String OVERLOAD = "overload";
    static final String CHECKOUT = "checkout-open-loop";
    private static final List<String> WORKLOADS = List.of(EVENT_STORE, PLACE_ORDER, REDIS_BASKETS, CHECKOUT, OVERLOAD);
    // overload is opt-in: it offers the shared machine four times what the server can take
    private static final List<String> DEFAULT_WORKLOADS = List.of(EVENT_STORE, PLACE_ORDER, REDIS_BASKETS, CHECKOUT);

    private final Mode mode;
    private final List<String> subjectNames;
    private final List<String> workloads;
    private final List<Workload> only;
    private final Path serverJar;
    private final CheckoutPlan checkout;
    private final ShopMode shopMode;
    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();
    private final Table table = new Table();

    private LoadDriver(
            Mode mode,
            List<String> subjectNames,
            List<String> workloads,
            List<Workload> only,
            Path serverJar,
            CheckoutPlan checkout,
            ShopMode shopMode,
            PrintStream out) {
        this.mode = mode;
        this.subjectNames = workloads.contains(EVENT_STORE) ? subjectNames : List.of();
        this.workloads = workloads;
        this.only = only;
        this.serverJar = serverJar;
        this.checkout = checkout;
        this.shopMode = shopMode;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        FLYWAY.setLevel(java.util.logging.Level.SEVERE);
        if (args.length > 0 && args[0].equals("tail-writer")) {
            TailWriter.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        String modeName = "quick";
        String subjects = String.join(",", Subjects.AVAILABLE);
        String workloads = String.join(",", DEFAULT_WORKLOADS);
        Path serverJar = Path.of(ShopServer.DEFAULT_JAR);
        Path report = null;
        List<Workload> only = List.of(Workload.values());
        Integer rounds = null;
        String rates = null;
        String rateDuration = null;
        String warmup = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--mode" -> modeName = args[++i];
                case "--subjects" -> subjects = args[++i];
                case "--workloads" -> workloads = args[++i];
                case "--server-jar" -> serverJar = Path.of(args[++i]);
                case "--out" -> report = Path.of(args[++i]);
                case "--only" -> only = Workload.parse(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--rates" -> rates = args[++i];
                case "--rate-duration" -> rateDuration = args[++i];
                case "--warmup" -> warmup = args[++i];
                default -> usage();
            }
        }
        if (!WORKLOADS.containsAll(List.of(workloads.split(",")))) {
            usage();
        }
        Mode mode = Mode.parse(modeName);
        CheckoutPlan checkout;
        ShopMode shopMode;
        try {
            checkout = CheckoutPlan.of(mode, rates, rateDuration, warmup);
            shopMode = ShopMode.asked(mode, warmup, rounds);
        } catch (IllegalArgumentException badPlan) {
            System.err.println("load driver: " + badPlan.getMessage());
            System.exit(2);
            return;
        }
        var driver = new LoadDriver(
                rounds == null ? mode : mode.withRounds(rounds),
                List.of(subjects.split(",")),
                List.of(workloads.split(",")),
                only,
                serverJar,
                checkout,
                shopMode,
                System.out);
        int exit;
        try {
            exit = driver.run(report);
        } catch (ShopServer.SetupProblem problem) {
            System.err.println("load driver: " + problem.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    private static void usage() {
        System.err.println("usage: LoadDriver [--mode quick|full] [--subjects " + String.join(",", Subjects.AVAILABLE)
                + "] [--workloads " + String.join(",", WORKLOADS)
                + "] [--only LOAD_10,LIVE_TAIL,... (event-store"
                + " workloads; default: all)] [--rounds n] [--server-jar " + ShopServer.DEFAULT_JAR
                + "] [--rates 100,200 | 100:1000:100 (checkout-open-loop)] [--rate-duration 60s]"
                + " [--warmup 2m | 0 (place-order, checkout-open-loop)] [--out report.md]");
        System.exit(2);
    }

    private int run(Path report) throws Exception {
        String admin = Pg.adminUrl();
        String run = "bench_"
                + DateTimeFormatter.ofPattern("MMddHHmmss")
                        .withZone(ZoneOffset.UTC)
                        .format(Instant.now()) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        var facts = new MachineFacts();
        try {
            facts.collect(admin);
        } catch (SQLException unreachable) {
            System.err.println("load driver: PostgreSQL at " + admin + " is not usable: " + unreachable.getMessage());
            return 2;
        }
        if (!facts.durable()) {
            System.err.println("load driver: fsync=" + facts.fsync + " synchronous_commit=" + facts.synchronousCommit
                    + ": numbers without durable commits are meaningless; refusing to run");
            return 2;
        }
        var databases = new ArrayList<String>();
        var benches = new ArrayList<Workloads<?>>();
        boolean shop = workloads.contains(PLACE_ORDER) || workloads.contains(REDIS_BASKETS);
        boolean overload = workloads.contains(OVERLOAD);
        boolean checkoutSearch = workloads.contains(CHECKOUT);
        ShopReport shopReport = null;
        String overloadReport = "";
        String checkoutReport = "";
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropAll(admin, databases)));
        try {
            if (shop || overload) {
                // the server's database; made first so the commit probe has a database when no subject runs
                Pg.createDatabase(admin, run + "_shop");
                databases.add(run + "_shop");
                checkDurable(Pg.urlOf(admin, run + "_shop"));
            }
            if (checkoutSearch) {
                // a database of its own: the audit compares every order the server lists with this workload's ledger
                Pg.createDatabase(admin, run + "_checkout");
                databases.add(run + "_checkout");
                checkDurable(Pg.urlOf(admin, run + "_checkout"));
            }
            for (String name : subjectNames) {
                String database = run + "_" + name.replaceAll("[^a-z0-9]", "");
                Pg.createDatabase(admin, database);
                databases.add(database);
                String url = Pg.urlOf(admin, database);
                checkDurable(url);
                benches.add(new Workloads<>(
                        Subjects.open(name, url, CONNECTIONS),
                        url,
                        mode,
                        failures,
                        database.hashCode(),
                        name.startsWith(Subjects.OURS)));
            }
            facts.measureCommits(Pg.urlOf(admin, databases.get(0)));
            out.println(facts.describe(mode));
            for (Workloads<?> bench : benches) {
                long start = System.nanoTime();
                bench.prepare();
                out.printf(
                        Locale.ROOT,
                        "prepared %s: %,d catch-up events in %.1f s%n",
                        bench.subject.name(),
                        mode.catchUpEvents(),
                        (System.nanoTime() - start) / 1e9);
            }
            for (Workloads<?> bench : benches) {
                warmUp(bench);
            }
            for (int round = 1; round <= mode.rounds() && !benches.isEmpty(); round++) {
                out.println("round " + round + " of " + mode.rounds());
                List<Workloads<?>> order = rotated(benches, round);
                for (Workload workload : only) {
                    for (Workloads<?> bench : order) {
                        measure(bench, workload, round);
                    }
                }
            }
            for (Workloads<?> bench : benches) {
                bench.subject.close();
            }
            benches.clear();
            if (shop) {
                out.println("PlaceOrder over gRPC and Redis baskets");
                shopReport = new ShopBench(shopMode, failures, out)
                        .run(
                                Pg.urlOf(admin, run + "_shop"),
                                run,
                                serverJar,
                                workloads.contains(PLACE_ORDER),
                                workloads.contains(REDIS_BASKETS));
            }
            if (checkoutSearch) {
                out.println("Checkout, open loop, over gRPC");
                checkoutReport = new CheckoutBench(checkout, failures, out)
                        .run(Pg.urlOf(admin, run + "_checkout"), run, serverJar);
            }
            if (overload) {
                out.println("Overload over gRPC");
                overloadReport =
                        new OverloadBench(mode, failures, out).run(Pg.urlOf(admin, run + "_shop"), run, serverJar);
            }
        } finally {
            for (Workloads<?> bench : benches) {
                bench.subject.close();
            }
            dropAll(admin, databases);
        }
        String tables = facts.describe(mode) + "\n" + (subjectNames.isEmpty() ? "" : table.render(subjectNames))
                + (shopReport == null ? "" : shopReport.render()) + checkoutReport + overloadReport;
        out.println();
        out.println(tables);
        if (report != null) {
            Files.writeString(report, tables, StandardCharsets.UTF_8);
        }
        if (!failures.isEmpty()) {
            out.println("CORRECTNESS FAILURES:");
            failures.forEach(failure -> out.println("  " + failure));
            return 1;
        }
        out.println("correctness: no skipped events, no wrong counts, no lost or phantom orders");
        return 0;
    }

    private void warmUp(Workloads<?> bench) throws Exception {
        Duration warm = mode.warmup();
        bench.append(1, 1, warm);
        bench.append(16, 1, warm);
        bench.append(4, 10, warm);
        bench.append(4, 100, warm);
        bench.hotStreams(16, warm, new AtomicLong());
        bench.load(10, warm);
        bench.load(1_000, warm);
        if (bench.loadsFromSnapshots()) {
            bench.loadFromSnapshot(warm);
        }
        bench.catchUp(true, Math.min(mode.catchUpEvents(), 10_000));
    }

    private void measure(Workloads<?> bench, Workload workload, int round) throws Exception {
        String subject = bench.subject.name();
        Duration time = mode.measure();
        switch (workload) {
            case APPEND_1 -> table.add(workload, subject, round, bench.append(1, 1, time));
            case APPEND_16 -> table.add(workload, subject, round, bench.append(16, 1, time));
            case HOT_STREAMS -> {
                var conflicts = new AtomicLong();
                table.add(workload, subject, round, bench.hotStreams(16, time, conflicts));
                table.note(workload, subject, round, conflicts.get() + " conflicts");
            }
            case BATCH_10 -> table.add(workload, subject, round, bench.append(4, 10, time));
            case BATCH_100 -> table.add(workload, subject, round, bench.append(4, 100, time));
            case LOAD_10 -> table.add(workload, subject, round, bench.load(10, time));
            case LOAD_1000 -> table.add(workload, subject, round, bench.load(1_000, time));
            case LOAD_1000_SNAPSHOT -> {
                if (!bench.loadsFromSnapshots()) {
                    return;
                }
                table.add(workload, subject, round, bench.loadFromSnapshot(time));
            }
            case CATCH_UP -> table.add(workload, subject, round, bench.catchUp(false, mode.catchUpEvents()));
            case CATCH_UP_PROJECTED -> table.add(workload, subject, round, bench.catchUp(true, mode.catchUpEvents()));
            case LIVE_TAIL -> table.add(workload, subject, round, bench.tailAcrossProcesses(subject));
            case GAP_TORTURE -> table.torture(subject, round, bench.gapTorture(mode.torture()));
        }
        out.println("  " + table.lastLine());
    }

    private static List<Workloads<?>> rotated(List<Workloads<?>> benches, int round) {
        var order = new ArrayList<Workloads<?>>(benches);
        java.util.Collections.rotate(order, round - 1);
        return order;
    }

    private static void checkDurable(String url) throws SQLException {
        try (var connection = DriverManager.getConnection(url)) {
            String fsync = Pg.show(connection, "fsync");
            String synchronous = Pg.show(connection, "synchronous_commit");
            if (!fsync.equals("on") || !synchronous.equals("on")) {
                throw new IllegalStateException(
                        "database " + url + " has fsync=" + fsync + ", synchronous_commit=" + synchronous);
            }
        }
    }

    private static void dropAll(String admin, List<String> databases) {
        synchronized (databases) {
            for (String database : databases) {
                try {
                    Pg.dropDatabase(admin, database);
                } catch (SQLException e) {
                    System.err.println("could not drop " + database + ": " + e.getMessage());
                }
            }
            databases.clear();
        }
    }

    /** The workloads in the order each round runs them. */
    enum Workload {
        APPEND_1("append 1 event/tx, 1 writer", "appends/s"),
        APPEND_16("append 1 event/tx, 16 writers", "appends/s"),
        HOT_STREAMS("expected-version appends, 16 writers on 4 hot streams", "appends/s"),
        BATCH_10("append batches of 10, 4 writers", "events/s"),
        BATCH_100("append batches of 100, 4 writers", "events/s"),
        LOAD_10("load a 10-event stream, 4 readers", "loads/s"),
        LOAD_1000("load a 1,000-event stream, 4 readers", "loads/s"),
        LOAD_1000_SNAPSHOT("load a 1,000-event stream from its snapshot at 975 (ours only), 4 readers", "loads/s"),
        CATCH_UP("catch-up read of the log, no projection", "events/s"),
        CATCH_UP_PROJECTED("catch-up read of the log into OrderProjection", "events/s"),
        LIVE_TAIL("live tail from another process", "events"),
        GAP_TORTURE("gap torture, 16 writers, batches of 1-50", "skipped");

        final String title;
        final String unit;

        Workload(String title, String unit) {
            this.title = title;
            this.unit = unit;
        }

        boolean countsEvents() {
            return unit.equals("events/s");
        }

        /** A comma-separated list of names, e.g. {@code LOAD_10,LIVE_TAIL}, in the order the rounds run them. */
        static List<Workload> parse(String names) {
            return Arrays.stream(names.split(","))
                    .map(name -> Workload.valueOf(name.trim().toUpperCase(Locale.ROOT)))
                    .sorted()
                    .toList();
        }
    }

    /** Rows per workload, subject and round, and their summary with the spread over rounds. */
    static final class Table {
        private final Map<Workload, Map<String, List<String[]>>> rows = new LinkedHashMap<>();
        private final Map<Workload, Map<String, List<Double>>> throughput = new LinkedHashMap<>();
        private final Map<Workload, Map<String, List<double[]>>> latency = new LinkedHashMap<>();
        private final Map<String, long[]> tortureTotals = new LinkedHashMap<>();
        private String last = "";

        void add(Workload workload, String subject, int round, Result result) {
            double rate = workload.countsEvents() ? result.eventsPerSecond() : result.callsPerSecond();
            if (workload == Workload.LIVE_TAIL) {
                rate = result.events();
            }
            throughput
                    .computeIfAbsent(workload, key -> new LinkedHashMap<>())
                    .computeIfAbsent(subject, key -> new ArrayList<>())
                    .add(rate);
            latency.computeIfAbsent(workload, key -> new LinkedHashMap<>())
                    .computeIfAbsent(subject, key -> new ArrayList<>())
                    .add(new double[] {result.p50Millis(), result.p99Millis()});
            String[] row = {
                Integer.toString(round),
                subject,
                String.format(Locale.ROOT, "%,.0f", rate),
                String.format(Locale.ROOT, "%.2f", result.p50Millis()),
                String.format(Locale.ROOT, "%.2f", result.p99Millis()),
                String.format(
                        Locale.ROOT,
                        "%,d calls, %,d events in %.1f s",
                        result.calls(),
                        result.events(),
                        result.seconds())
            };
            rows.computeIfAbsent(workload, key -> new LinkedHashMap<>())
                    .computeIfAbsent(subject, key -> new ArrayList<>())
                    .add(row);
            last = workload.title + " | " + String.join(" | ", row);
        }

        void note(Workload workload, String subject, int round, String note) {
            List<String[]> subjectRows = rows.get(workload).get(subject);
            String[] row = subjectRows.get(subjectRows.size() - 1);
            row[5] = row[5] + "; " + note;
            last = last + "; " + note;
        }

        void torture(String subject, int round, Workloads.Torture torture) {
            String[] row = {
                Integer.toString(round),
                subject,
                String.format(Locale.ROOT, "%,d", torture.skipped()),
                "",
                "",
                String.format(
                        Locale.ROOT,
                        "%,d written, %,d delivered, %,d twice, %.1f s",
                        torture.written(),
                        torture.seen(),
                        torture.duplicates(),
                        torture.seconds())
            };
            long[] totals = tortureTotals.computeIfAbsent(subject, key -> new long[3]);
            totals[0] += torture.written();
            totals[1] += torture.skipped();
            totals[2] += torture.duplicates();
            rows.computeIfAbsent(Workload.GAP_TORTURE, key -> new LinkedHashMap<>())
                    .computeIfAbsent(subject, key -> new ArrayList<>())
                    .add(row);
            last = Workload.GAP_TORTURE.title + " | " + String.join(" | ", row);
        }

        String lastLine() {
            return last;
        }

        String render(List<String> subjects) {
            var text = new StringBuilder();
            text.append("### Summary (median over rounds; spread = (max - min) / median)\n\n");
            text.append("| Workload | Subject | Median | Unit | Spread | p50 ms | p99 ms |");
            for (String subject : subjects) {
                text.append(" ÷ ").append(subject).append(" |");
            }
            text.append('\n')
                    .append("|---|---|---|---|---|---|---|")
                    .append("---|".repeat(subjects.size()))
                    .append('\n');
            for (var entry : throughput.entrySet()) {
                Workload workload = entry.getKey();
                for (var bySubject : entry.getValue().entrySet()) {
                    double median = median(bySubject.getValue());
                    double spread = (max(bySubject.getValue()) - min(bySubject.getValue())) / median * 100;
                    List<double[]> lat = latency.get(workload).get(bySubject.getKey());
                    text.append(String.format(
                            Locale.ROOT,
                            "| %s | %s | %,.0f | %s | %.0f %% | %.2f | %.2f |",
                            workload.title,
                            bySubject.getKey(),
                            median,
                            workload.unit,
                            spread,
                            median(lat.stream().map(p -> p[0]).toList()),
                            median(lat.stream().map(p -> p[1]).toList())));
                    for (String other : subjects) {
                        List<Double> theirs = entry.getValue().get(other);
                        text.append(
                                theirs == null || workload == Workload.LIVE_TAIL
                                        ? " |"
                                        : String.format(Locale.ROOT, " %.2f× |", median / median(theirs)));
                    }
                    text.append('\n');
                }
            }
            text.append(
                    "\n### Gap torture, all rounds together\n\n| Subject | Written | Skipped | Delivered twice |\n");
            text.append("|---|---|---|---|\n");
            tortureTotals.forEach((subject, totals) -> text.append(String.format(
                    Locale.ROOT, "| %s | %,d | %,d | %,d |%n", subject, totals[0], totals[1], totals[2])));
            text.append("\n### Every round\n");
            for (var entry : rows.entrySet()) {
                Workload workload = entry.getKey();
                text.append("\n#### ").append(workload.title).append("\n\n");
                text.append("| Round | Subject | ").append(workload.unit).append(" | p50 ms | p99 ms | Detail |\n");
                text.append("|---|---|---|---|---|---|\n");
                var all = new ArrayList<String[]>();
                entry.getValue().values().forEach(all::addAll);
                all.sort((left, right) -> left[0].compareTo(right[0]));
                for (String[] row : all) {
                    text.append("| ").append(String.join(" | ", row)).append(" |\n");
                }
            }
            return text.toString();
        }

        private static double median(List<Double> values) {
            var sorted = values.stream().sorted().toList();
            int middle = sorted.size() / 2;
            return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        }

        private static double min(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        }

        private static double max(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        }
    }

    /** Appends one event per transaction for a child process, stamped with the wall clock at the append. */
    static final class TailWriter {
        static final int WARM_UP_APPENDS = 2_000;

        private TailWriter() {}

        static void main(String[] args) throws InterruptedException {
            String subjectName = args[0];
            String url = args[1];
            UUID stream = UUID.fromString(args[2]);
            int count = Integer.parseInt(args[3]);
            Duration interval = Duration.ofMillis(Long.parseLong(args[4]));
            try (Subject<?> subject = Subjects.open(subjectName, url, 2)) {
                // A fresh JVM runs its first appends interpreted: warm the append path on a stream the tail ignores,
                // so the stamps measure delivery, not the writer's JIT.
                UUID warmUp = UUID.randomUUID();
                for (int version = 0; version < WARM_UP_APPENDS; version++) {
                    subject.append(warmUp, version, List.of(OrderStreams.event(warmUp, version, Instant.now())));
                }
                for (int version = 0; version < count; version++) {
                    subject.append(stream, version, List.of(OrderStreams.event(stream, version, Instant.now())));
                    Thread.sleep(interval);
                }
            }
        }
    }

    /** The machine: cores, the disk's fsync rate, PostgreSQL's version and durability settings, commits per second. */
    static final class MachineFacts {
        String fsync = "?";
        String synchronousCommit = "?";
        String postgres = "?";
        String pgTestFsync = "pg_test_fsync not found";
        String commits = "?";

        void collect(String adminUrl) throws SQLException {
            try (var connection = DriverManager.getConnection(adminUrl)) {
                fsync = Pg.show(connection, "fsync");
                synchronousCommit = Pg.show(connection, "synchronous_commit");
                postgres = Pg.show(connection, "server_version");
            }
            pgTestFsync = runPgTestFsync();
        }

        boolean durable() {
            return fsync.equals("on") && synchronousCommit.equals("on");
        }

        /** Single-row INSERT commits, one connection, for 2 s: the ceiling of one writer's durable commits. */
        void measureCommits(String url) throws SQLException {
            try (var connection = DriverManager.getConnection(url);
                    var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE commit_probe (id bigserial PRIMARY KEY, at timestamptz DEFAULT now())");
                long start = System.nanoTime();
                long deadline = start + Duration.ofSeconds(2).toNanos();
                int done = 0;
                while (done < 100_000 && System.nanoTime() < deadline) {
                    statement.execute("INSERT INTO commit_probe DEFAULT VALUES");
                    done++;
                }
                commits = String.format(Locale.ROOT, "%,.0f", done / ((System.nanoTime() - start) / 1e9));
                statement.execute("DROP TABLE commit_probe");
            }
        }

        String describe(Mode mode) {
            return String.format(
                    Locale.ROOT,
                    "### Machine and run%n%n| Fact | Value |%n|---|---|%n| mode | %s (%d rounds, warm-up %s, %s per"
                            + " timed workload, catch-up of %,d events) |%n| nproc | %d |%n| JVM | %s %s |%n"
                            + "| PostgreSQL | %s, fsync=%s, synchronous_commit=%s |%n| pg_test_fsync (fdatasync, one 8 kB"
                            + " write) | %s |%n| single-row commits/s, 1 connection | %s |%n",
                    mode.name(),
                    mode.rounds(),
                    mode.warmup(),
                    mode.measure(),
                    mode.catchUpEvents(),
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.vm.name"),
                    System.getProperty("java.version"),
                    postgres,
                    fsync,
                    synchronousCommit,
                    pgTestFsync,
                    commits);
        }

        private static String runPgTestFsync() {
            try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                Path tool = versions.map(version -> version.resolve("bin/pg_test_fsync"))
                        .filter(Files::isExecutable)
                        .findFirst()
                        .orElse(null);
                if (tool == null) {
                    return "pg_test_fsync not installed";
                }
                Path scratch = Files.createTempFile("bench-fsync", ".out");
                try {
                    var process = new ProcessBuilder(tool.toString(), "-s", "1", "-f", scratch.toString())
                            .redirectErrorStream(true)
                            .start();
                    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    process.waitFor();
                    return output.lines()
                            .filter(line -> line.contains("fdatasync") && line.contains("ops/sec"))
                            .findFirst()
                            .map(line -> line.replaceAll(".*?([0-9.,]+ ops/sec).*", "$1"))
                            .orElse("no fdatasync line in its output");
                } finally {
                    Files.deleteIfExists(scratch);
                }
            } catch (IOException | InterruptedException e) {
                return "pg_test_fsync failed: " + e.getMessage();
            }
        }
    }
}
