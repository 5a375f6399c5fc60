package org.bookworm.ordering.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shipped server, {@code ordering serve} from cli's shaded jar, as a child JVM: on a database the driver created,
 * on Redis under a key prefix of its own, on any free port, with a rate limit the load never reaches, and a scratch
 * data directory for its development signing key. Its output goes to a log file; the driver learns the port and the
 * demo books from the lines the server prints at start, as a person following the README does.
 */
final class ShopServer implements AutoCloseable {
    /** Where {@code bin/mvn21 -pl cli -am package} leaves the shaded jar; bin/bench-quick builds it. */
    static final String DEFAULT_JAR = "cli/target/cli-0.1.0-SNAPSHOT-all.jar";

    // calls per second and caller; PlaceOrder gets a tenth of it per caller, the whole server 100 times it
    private static final long RATE_LIMIT = 1_000_000;
    private static final Pattern SERVING = Pattern.compile("serving gRPC on (\\S+):(\\d+)");
    private static final Pattern BOOKS = Pattern.compile("Demo books:\\s+Dune (\\S+), Emma (\\S+)");

    private final Process process;
    private final Thread killOnExit;
    private final Path dataDir;
    private final Path log;
    private final int port;
    private final List<String> books;

    private ShopServer(Process process, Path dataDir, Path log, int port, List<String> books) {
        this.process = process;
        // a driver stopped by a signal must not leave a server behind (its database is dropped WITH (FORCE) too)
        this.killOnExit = new Thread(process::destroyForcibly, "kill-bench-server");
        Runtime.getRuntime().addShutdownHook(killOnExit);
        this.dataDir = dataDir;
        this.log = log;
        this.port = port;
        this.books = books;
    }

    /** Starts the server and waits for the lines that say where it listens; a failure carries its log's end. */
    static ShopServer start(Path jar, String jdbcUrl, String redisUrl, String keyPrefix, Duration timeout)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new SetupProblem("no server jar at " + jar.toAbsolutePath()
                    + ": build it with bin/mvn21 -q -B -DskipTests -pl cli -am package (bin/bench-quick does)");
        }
        Path dataDir = Files.createTempDirectory("bench-shop-");
        Path log = dataDir.resolve("server.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        jar.toString(),
                        "serve",
                        "--postgres-url",
                        jdbcUrl,
                        "--redis-url",
                        redisUrl,
                        "--redis-key-prefix",
                        keyPrefix,
                        "--port",
                        "0",
                        "--rate-limit",
                        Long.toString(RATE_LIMIT),
                        "--data-dir",
                        dataDir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Matcher serving = SERVING.matcher(output);
            Matcher books = BOOKS.matcher(output);
            if (serving.find() && books.find()) {
                return new ShopServer(
                        process,
                        dataDir,
                        log,
                        Integer.parseInt(serving.group(2)),
                        List.of(books.group(1), books.group(2)));
            }
            Thread.sleep(100);
        }
        String why = process.isAlive() ? "did not say it was serving within " + timeout : "exited " + process.waitFor();
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        String tail = tail(log, 20);
        deleteRecursively(dataDir);
        throw new SetupProblem("ordering serve " + why + "; its last lines:\n" + tail);
    }

    int port() {
        return port;
    }

    /** The demo catalogue's book ids, as the server printed them. */
    List<String> books() {
        return books;
    }

    /** Where `ordering serve` keeps its development signing key. */
    Path dataDir() {
        return dataDir;
    }

    /** How many lines of the server's log so far are stack-trace frames ({@code \tat ...}). */
    long stackFrames() {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(line -> line.startsWith("\tat ")).count();
        } catch (IOException | UncheckedIOException unreadable) {
            throw new SetupProblem("cannot read the server's log: " + unreadable.getMessage());
        }
    }

    /** The last lines the server wrote, for a report of what went wrong. */
    String logTail(int lines) {
        return tail(log, lines);
    }

    /** SIGTERM, so the server shuts down as it does for a person (health NOT_SERVING, calls drained); then forcibly. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException exiting) {
            // the JVM is already shutting down: the hook kills the server
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteRecursively(dataDir);
    }

    private static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException unreadable) {
            return "(no log: " + unreadable.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            var all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException leftBehind) {
            System.err.println("could not delete " + dir + ": " + leftBehind.getMessage());
        }
    }

    /** The server cannot be run at all (no jar, no Redis, it exits at start): the driver exits 2, not 1. */
    static final class SetupProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SetupProblem(String message) {
            super(message);
        }
    }
}
