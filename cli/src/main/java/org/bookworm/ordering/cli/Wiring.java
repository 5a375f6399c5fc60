package org.bookworm.ordering.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.GrpcServer;
import org.bookworm.ordering.adapter.grpc.JwtVerifier;
import org.bookworm.ordering.adapter.grpc.OrderingApi;
import org.bookworm.ordering.adapter.grpc.OrderingClient;
import org.bookworm.ordering.adapter.postgres.PostgresAdapters;
import org.bookworm.ordering.adapter.postgres.PostgresAdmin;
import org.bookworm.ordering.adapter.postgres.PostgresConfig;
import org.bookworm.ordering.adapter.redis.RedisAdapters;
import org.bookworm.ordering.adapter.redis.RedisConfig;
import org.bookworm.ordering.adapter.smtp.SmtpMailer;
import org.bookworm.ordering.cli.telemetry.Telemetry;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.basket.StockStatus;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Texts;
import org.bookworm.ordering.core.composition.ServiceGraph;
import org.bookworm.ordering.core.eventsourcing.DeadLetterService;
import org.bookworm.ordering.core.finance.CheckoutTimeouts;
import org.bookworm.ordering.core.inmemory.InMemoryBookWorm;
import org.bookworm.ordering.core.notification.Mailer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * The only composition root: builds what the commands need (stores, services, the server, clients, keys) and is
 * picocli's factory, so commands get it through their constructor. Tests subclass it to observe a running server.
 */
public class Wiring implements CommandLine.IFactory {
    /** Demo books seeded into the in-memory catalog, so a newcomer can place an order straight away. */
    static final BookId DUNE = BookId.parse("0192f0c8-0000-7000-8000-000000000001");

    static final BookId EMMA = BookId.parse("0192f0c8-0000-7000-8000-000000000002");

    static final int DEMO_STOCK = 1_000;

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Wiring.class) {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(this));
            }
        }
        return CommandLine.defaultFactory().create(type);
    }

    Clock clock() {
        return Clock.systemUTC();
    }

    DevKeys devKeys(Path dataDir) {
        return new DevKeys(dataDir, clock());
    }

    OrderingClient client(String host, int port, String token) {
        return new OrderingClient(host, port, token);
    }

    /**
     * All four services in one process on the in-memory adapters, with a demo catalog and stock. One background
     * thread delivers the log to the subscriptions (read models, checkout saga, notifications) and fires due saga
     * deadlines, as the PostgreSQL deployment's runners do. The checkout saga runs with {@code timeouts}.
     */
    InMemoryStack inMemory(CheckoutTimeouts timeouts) {
        var bookworm = new InMemoryBookWorm(clock(), new SecureRandom(), timeouts);
        demoBooks().forEach(bookworm.catalog::put);
        bookworm.inventory.restock(DUNE, DEMO_STOCK);
        bookworm.inventory.restock(EMMA, DEMO_STOCK);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(
                2, Thread.ofPlatform().name("ordering-background-", 0).daemon().factory());
        // one thread only: InMemoryBookWorm's subscriptions are not meant to be drained concurrently
        scheduler.scheduleWithFixedDelay(() -> deliver(bookworm), 100, 100, TimeUnit.MILLISECONDS);
        return new InMemoryStack(bookworm, scheduler);
    }

    private void deliver(InMemoryBookWorm bookworm) {
        try {
            bookworm.fireDeadlinesAt(clock().instant());
        } catch (RuntimeException failure) {
            // a thrown task would stop the schedule for good: log and keep delivering
            System.getLogger(Wiring.class.getName())
                    .log(System.Logger.Level.ERROR, "background delivery failed; retrying", failure);
        }
    }

    GrpcServer startServer(
            InMemoryStack stack, JwtVerifier verifier, OrderingApi.Limits limits, GrpcServer.Settings settings) {
        var services = services(stack.bookworm().graph());
        return GrpcServer.start(settings, new OrderingApi(services, verifier, limits, stack.scheduler()));
    }

    /** What the gRPC API serves, taken from the one composition of the service graph. */
    static OrderingApi.Services services(ServiceGraph graph) {
        var ports = graph.ports();
        return new OrderingApi.Services(
                graph.orders(),
                graph.queries(),
                graph.buyers(),
                ports.buyerViews(),
                graph.baskets(),
                graph.checkout(),
                graph.catalog(),
                graph.sagas(),
                graph.payments(),
                graph.notifications(),
                ports.outbox(),
                ports.events(),
                graph.deadLetterService());
    }

    /** The demo catalog of every {@code serve} mode: the same ids and prices in memory and on PostgreSQL. */
    static List<Book> demoBooks() {
        return List.of(
                new Book(DUNE, new BookTitle("Dune"), Money.of("12.50", "USD"), null, StockStatus.IN_STOCK),
                new Book(EMMA, new BookTitle("Emma"), Money.of("9.99", "USD"), null, StockStatus.IN_STOCK));
    }

    /**
     * The durable embedded default: a PostgreSQL cluster under {@code dataDir} that keeps its data across runs, stopped
     * at the JVM's exit as {@code onExit} says.
     */
    EmbeddedDatabase embeddedDatabase(Path dataDir, EmbeddedDatabase.OnExit onExit) {
        return EmbeddedDatabase.start(dataDir, onExit);
    }

    /**
     * All four services on the PostgreSQL at {@code jdbcUrl} (migrated at start), with baskets and the book cache in
     * the Redis of {@code redisConfig} when given. The demo books' stock is seeded once: a book with stock keeps it.
     */
    PostgresStack postgres(String jdbcUrl, @Nullable RedisConfig redisConfig, Mailer mailer) {
        return postgres(jdbcUrl, redisConfig, mailer, PostgresStack.Options.DEFAULT);
    }

    /** As above, with the operator's e-mail and checkout settings (and, in fault tests, decorated ports). */
    PostgresStack postgres(
            String jdbcUrl, @Nullable RedisConfig redisConfig, Mailer mailer, PostgresStack.Options options) {
        return postgres(jdbcUrl, redisConfig, mailer, options, Split.ALL_IN_ONE);
    }

    /** As above, running only the services of {@code split} (issue 15, ADR 0031). */
    PostgresStack postgres(
            String jdbcUrl,
            @Nullable RedisConfig redisConfig,
            Mailer mailer,
            PostgresStack.Options options,
            Split split) {
        PostgresAdapters pg = postgresAdapters(jdbcUrl);
        try {
            for (BookId book : List.of(DUNE, EMMA)) {
                if (pg.inventory().onHand(book) == 0) {
                    pg.inventory().restock(book, DEMO_STOCK);
                }
            }
            RedisAdapters redis = redisConfig == null ? null : connect(redisConfig, options.telemetry());
            return new PostgresStack(pg, redis, demoBooks(), clock(), new SecureRandom(), mailer, options, split);
        } catch (RuntimeException failed) {
            pg.close();
            throw failed;
        }
    }

    /**
     * An operator's view of the held events on the deployment's PostgreSQL (migrated first), whether or not a server
     * runs on it: a running server picks a retry up at its subscription's next pass.
     */
    DeadLetterAdmin deadLetterAdmin(AdminOptions options) {
        var session = admin(options, true);
        return new DeadLetterAdmin(
                new DeadLetterService(
                        session.pg().deadLetters(), session.pg().checkpoints(), ServiceGraph.SUBSCRIPTIONS, clock()),
                session);
    }

    /**
     * The operator's tool on the deployment's PostgreSQL: {@code --postgres-url}, or the embedded database of {@code
     * --data-dir}, started for the verb (and stopped after it) when no server holds it, refused when one does.
     * Migrated first unless {@code migrate} is false ({@code db} verbs).
     */
    AdminSession admin(AdminOptions options, boolean migrate) {
        EmbeddedDatabase embedded = options.postgresUrl == null ? existingEmbedded(options.dataDir) : null;
        String url = embedded != null ? embedded.jdbcUrl() : options.postgresUrl;
        try {
            var config = PostgresConfig.fromEnv(System.getenv()).withUrl(url);
            return new AdminSession(
                    migrate ? PostgresAdmin.migrated(config, clock()) : PostgresAdmin.connect(config, clock()),
                    embedded);
        } catch (IllegalArgumentException bad) {
            closeQuietly(embedded);
            throw bad;
        } catch (RuntimeException unreachable) {
            closeQuietly(embedded);
            throw new UncheckedIOException(
                    "PostgreSQL at " + redacted(url) + " is unreachable or refused us: " + unreachable.getMessage(),
                    new IOException(unreachable));
        }
    }

    private EmbeddedDatabase existingEmbedded(Path dataDir) {
        if (!java.nio.file.Files.exists(
                dataDir.resolve(EmbeddedDatabase.CLUSTER_DIR).resolve("PG_VERSION"))) {
            throw new IllegalArgumentException("no embedded database in --data-dir " + dataDir
                    + ": give --postgres-url, or run ordering serve there once");
        }
        return embeddedDatabase(dataDir, EmbeddedDatabase.OnExit.STOP);
    }

    private static void closeQuietly(@Nullable EmbeddedDatabase embedded) {
        if (embedded != null) {
            embedded.close();
        }
    }

    /** The admin adapter and the embedded database it may run on, closed together. */
    record AdminSession(PostgresAdmin pg, @Nullable EmbeddedDatabase embedded) implements AutoCloseable {
        @Override
        public void close() {
            pg.close();
            closeQuietly(embedded);
        }
    }

    /** The dead-letter service and the session it runs on, closed together. */
    record DeadLetterAdmin(DeadLetterService service, AdminSession session) implements AutoCloseable {
        @Override
        public void close() {
            session.close();
        }
    }

    /** How a rebuild shows its progress: a bar on a terminal, lines otherwise. Tests observe (or stop) it here. */
    RebuildReporter rebuildReporter(PrintWriter err, String projection, boolean bar) {
        return new RebuildReporter(err, projection, bar);
    }

    private static PostgresAdapters postgresAdapters(String jdbcUrl) {
        var config = PostgresConfig.fromEnv(System.getenv()).withUrl(jdbcUrl);
        try {
            return PostgresAdapters.start(config);
        } catch (IllegalArgumentException bad) {
            throw bad;
        } catch (RuntimeException unreachable) {
            throw new UncheckedIOException(
                    "PostgreSQL at " + redacted(jdbcUrl) + " is unreachable or refused us: " + unreachable.getMessage(),
                    new IOException(unreachable));
        }
    }

    /** A plain SMTP server at {@code host:port}, or a mailer that only logs when there is none. */
    static Mailer mailer(@Nullable String smtp, String from) {
        return mailer(smtp, from, SmtpMailer.Settings.DEFAULT_FROM_NAME);
    }

    /** As above, sending as {@code fromName <from>}; the name and address are checked even when only logging. */
    static Mailer mailer(@Nullable String smtp, String from, String fromName) {
        requireSender(from, fromName);
        if (smtp == null) {
            return new LoggingMailer();
        }
        int colon = smtp.lastIndexOf(':');
        String host;
        int port;
        try {
            host = smtp.substring(0, colon);
            port = Integer.parseInt(smtp.substring(colon + 1));
        } catch (IndexOutOfBoundsException | NumberFormatException malformed) {
            throw new IllegalArgumentException("--smtp '" + smtp + "' is not host:port");
        }
        try {
            return new SmtpMailer(SmtpMailer.Settings.plain(host, port, from, fromName));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("--smtp '" + smtp + "': " + bad.getMessage());
        }
    }

    private static void requireSender(String from, String fromName) {
        try {
            new EmailAddress(from);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("--smtp-from: " + bad.getMessage());
        }
        try {
            Texts.requireClean(fromName, "the sender's display name", 50);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("--smtp-from-name: " + bad.getMessage());
        }
    }

    static RedisConfig redisConfig(String redisUrl, String keyPrefix) {
        return RedisConfig.fromEnvironment().withUri(redisUrl).withKeyPrefix(keyPrefix);
    }

    private static RedisAdapters connect(RedisConfig config, Telemetry telemetry) {
        try {
            return RedisAdapters.connect(config, telemetry.redisLatencies());
        } catch (RuntimeException unreachable) {
            throw new UncheckedIOException(
                    "Redis at " + config.uri().replaceAll("//[^/@]*@", "//***@") + " is unreachable: "
                            + unreachable.getMessage(),
                    new IOException(unreachable));
        }
    }

    static String redacted(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    GrpcServer startServer(
            PostgresStack stack, JwtVerifier verifier, OrderingApi.Limits limits, GrpcServer.Settings settings) {
        var server = GrpcServer.start(
                settings,
                new OrderingApi(stack.services(), verifier, limits, stack.scheduler(), stack.deployment()),
                stack.telemetry().interceptors());
        stack.telemetry().watch(server);
        return server;
    }

    /** Metrics and traces as {@code settings} ask (ADR 0033); tests override it to observe in memory. */
    Telemetry telemetry(Telemetry.Settings settings) {
        return Telemetry.start(settings);
    }

    /** Serves until the process is asked to stop (Ctrl-C, SIGTERM). */
    void serveUntilStopped(GrpcServer server, PrintWriter out) throws InterruptedException {
        server.withShutdownHook().awaitTermination();
    }

    /** The in-memory stores and services behind {@code serve --in-memory}. */
    record InMemoryStack(InMemoryBookWorm bookworm, ScheduledExecutorService scheduler) implements AutoCloseable {
        @Override
        public void close() {
            scheduler.shutdownNow();
        }
    }

    /** A duration like 500ms, 30s, 15m or 1h. */
    static Duration parseDuration(String text) {
        var millis = java.util.regex.Pattern.compile("(\\d{1,9})ms").matcher(text.strip());
        if (millis.matches()) {
            return Duration.ofMillis(Long.parseLong(millis.group(1)));
        }
        try {
            return Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT));
        } catch (java.time.format.DateTimeParseException malformed) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 30s, 15m or 1h");
        }
    }
}
