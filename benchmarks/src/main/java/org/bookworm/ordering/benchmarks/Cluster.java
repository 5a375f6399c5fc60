package org.bookworm.ordering.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster started and stopped through {@code bin/cluster}, the one launcher of issue 15 (nginx and N replicas of
 * each service on loopback): this class only sets its variables, runs {@code bin/cluster up}, and reads back what it
 * wrote, one pid and one port file per process in the run directory. {@link #kill} is {@code kill -9} of one replica
 * by its pid; {@link #close} runs {@code bin/cluster down}, then SIGKILLs by pid whatever it recorded that still runs
 * (nginx's master included), so a failed run leaves nothing behind.
 */
final class Cluster implements AutoCloseable {
    static final List<String> SERVICES = List.of("ordering", "basket", "finance", "notification");
    private static final Pattern BOOKS = Pattern.compile("Demo books:\\s+Dune (\\S+), Emma (\\S+)");

    /**
     * How to start it.
     *
     * @param runDir where bin/cluster keeps logs, pid and port files, nginx's config and the dev signing key
     * @param basePort the gateway's port; the replicas take the ports after it
     * @param database a database the caller created (bin/cluster uses it as it is)
     * @param redisPrefix the Redis key prefix of every replica, ending in {@code :}
     * @param replicas replicas per service
     * @param laterBackground {@code --background} of the replicas after the first: {@code none} or {@code all}
     * @param env more variables for the replicas (serve reads ORDERING_SMTP, ORDERING_RATE_LIMIT, ...)
     */
    record Settings(
            Path runDir,
            int basePort,
            String database,
            String redisPrefix,
            int replicas,
            String laterBackground,
            Map<String, String> env) {
        Settings {
            env = Map.copyOf(env);
            if (replicas < 1 || replicas > 9) {
                throw new IllegalArgumentException("a cluster has 1 to 9 replicas per service, not " + replicas);
            }
        }

        /**
         * A cluster of its own for one run of {@code kind} ({@code cluster_it}): a fresh temporary run directory, the
         * database {@code <kind>_<MMddHHmmss>_<hex>} (for the caller to create and drop) and the Redis prefix
         * {@code <kind with dashes>-<same>:}.
         */
        static Settings scratch(
                String kind, int basePort, int replicas, String laterBackground, Map<String, String> env)
                throws IOException {
            String run = DateTimeFormatter.ofPattern("MMddHHmmss")
                            .withZone(ZoneOffset.UTC)
                            .format(Instant.now())
                    + "_"
                    + HexFormat.of()
                            .toHexDigits((short) ThreadLocalRandom.current().nextInt());
            String dashed = kind.replace('_', '-');
            return new Settings(
                    Files.createTempDirectory(dashed + "-"),
                    basePort,
                    kind + "_" + run,
                    dashed + "-" + run + ":",
                    replicas,
                    laterBackground,
                    env);
        }
    }

    private final Settings settings;
    private final Map<String, Long> pids = new LinkedHashMap<>();

    private Cluster(Settings settings) {
        this.settings = settings;
    }

    /** Runs {@code bin/cluster up}; a failure stops what it started and carries the end of its output. */
    static Cluster up(Settings settings, Duration timeout) throws IOException, InterruptedException {
        var cluster = new Cluster(settings);
        Files.createDirectories(settings.runDir());
        Path log = settings.runDir().resolve("cluster-up.log");
        Process up = cluster.script("up", log);
        try {
            boolean done = up.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!done || up.exitValue() != 0) {
                up.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                cluster.recordPids();
                String why = done ? "exited " + up.exitValue() : "did not finish within " + timeout;
                cluster.close();
                throw new ShopServer.SetupProblem("bin/cluster up " + why + ":\n" + tail(log, 30));
            }
            cluster.recordPids();
            return cluster;
        } catch (RuntimeException | InterruptedException failed) {
            up.destroyForcibly();
            cluster.recordPids();
            cluster.close();
            throw failed;
        }
    }

    int gatewayPort() {
        return settings.basePort();
    }

    int replicas() {
        return settings.replicas();
    }

    /** Where the replicas' development signing key is, for {@link DevTokens#of}. */
    Path dataDir() {
        return settings.runDir().resolve("data");
    }

    int port(String service, int replica) throws IOException {
        return Integer.parseInt(read(service + "-" + replica + ".port"));
    }

    long pid(String service, int replica) {
        Long pid = pids.get(service.equals("nginx") ? service : service + "-" + replica);
        if (pid == null) {
            throw new IllegalArgumentException("no process " + service + "-" + replica + " in this cluster");
        }
        return pid;
    }

    /** nginx's master process (its workers are its children). */
    long nginxPid() {
        return pid("nginx", 0);
    }

    /** Every replica's name ({@code basket-2}) and pid, nginx left out. */
    Map<String, Long> replicaPids() {
        var replicas = new LinkedHashMap<>(pids);
        replicas.remove("nginx");
        return replicas;
    }

    /** The demo catalogue's book ids, as the replicas print them at start. */
    List<String> books() throws IOException {
        for (String service : SERVICES) {
            Matcher books = BOOKS.matcher(Files.readString(log(service, 1), StandardCharsets.UTF_8));
            if (books.find()) {
                return List.of(books.group(1), books.group(2));
            }
        }
        throw new ShopServer.SetupProblem("no replica printed the demo books (Demo books: Dune ..., Emma ...)");
    }

    Path log(String service, int replica) {
        return settings.runDir().resolve(service + "-" + replica + ".log");
    }

    /** {@code kill -9} of one replica by its pid; answers when it was gone. */
    Instant kill(String service, int replica) throws InterruptedException {
        long pid = pid(service, replica);
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            throw new IllegalStateException(service + "-" + replica + " (pid " + pid + ") was already gone");
        }
        process.get().destroyForcibly(); // SIGKILL on Linux
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (process.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return Instant.now();
    }

    /** CPU clock ticks (utime + stime) the replica used so far, from /proc; -1 once it is gone. */
    long cpuTicks(String service, int replica) {
        return ProcStat.cpuTicks(pid(service, replica));
    }

    @Override
    public void close() {
        try {
            Process down = script("down", settings.runDir().resolve("cluster-down.log"));
            if (!down.waitFor(90, TimeUnit.SECONDS)) {
                down.destroyForcibly();
            }
        } catch (IOException | InterruptedException failed) {
            System.err.println("bin/cluster down failed (" + failed + "); killing its processes by pid");
            if (failed instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        for (var process : pids.entrySet()) {
            ProcessHandle.of(process.getValue()).ifPresent(left -> {
                System.err.println(process.getKey() + " (pid " + process.getValue() + ") still ran: SIGKILL");
                left.destroyForcibly();
            });
        }
    }

    private void recordPids() throws IOException {
        for (String service : SERVICES) {
            for (int replica = 1; replica <= settings.replicas(); replica++) {
                recordPid(service + "-" + replica);
            }
        }
        recordPid("nginx");
    }

    private void recordPid(String name) throws IOException {
        Path file = settings.runDir().resolve(name + ".pid");
        if (Files.isRegularFile(file)) {
            pids.put(name, Long.parseLong(Files.readString(file).trim()));
        }
    }

    private String read(String file) throws IOException {
        return Files.readString(settings.runDir().resolve(file)).trim();
    }

    private Process script(String command, Path log) throws IOException {
        var builder = new ProcessBuilder(List.of("bin/cluster", command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        var env = builder.environment();
        env.putAll(settings.env());
        env.put("CLUSTER_RUN_DIR", settings.runDir().toAbsolutePath().toString());
        env.put("CLUSTER_BASE_PORT", Integer.toString(settings.basePort()));
        env.put("CLUSTER_DATABASE", settings.database());
        env.put("CLUSTER_REDIS_PREFIX", settings.redisPrefix());
        env.put("CLUSTER_REPLICAS", Integer.toString(settings.replicas()));
        env.put("CLUSTER_BACKGROUND", settings.laterBackground());
        return builder.start();
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException unreadable) {
            return "(no output: " + unreadable.getMessage() + ")";
        }
    }
}
