package org.bookworm.ordering.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.bookworm.ordering.adapter.grpc.DependencyHealth;
import org.bookworm.ordering.adapter.grpc.OrderingApi;
import org.bookworm.ordering.adapter.grpc.ServiceChannel;
import org.bookworm.ordering.adapter.postgres.PostgresAdapters;
import org.bookworm.ordering.adapter.redis.RedisAdapters;
import org.bookworm.ordering.cli.telemetry.Telemetry;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.basket.CachedCatalog;
import org.bookworm.ordering.core.basket.Catalog;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.composition.Service;
import org.bookworm.ordering.core.composition.ServiceGraph;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.LeaseKeeper;
import org.bookworm.ordering.core.eventsourcing.Leases;
import org.bookworm.ordering.core.eventsourcing.PartitionedSubscription;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.eventsourcing.TailedEventLog;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.CheckoutTimeouts;
import org.bookworm.ordering.core.finance.PaymentGateway;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.inmemory.InMemoryVersionedCache;
import org.bookworm.ordering.core.inmemory.SimulatedPaymentGateway;
import org.bookworm.ordering.core.notification.Mailer;
import org.bookworm.ordering.core.notification.NotificationService;
import org.jspecify.annotations.Nullable;

/**
 * All four services with PostgreSQL as the system of record (events, read models, checkpoints, dead letters,
 * snapshots, idempotency keys, inventory, saga deadlines, e-mail outbox, and the catalog since V8), baskets and the
 * book cache in Redis when given, else in process. Daemon threads keep it moving: one per subscription of the
 * service graph (reactors and projections), the one reader of the global log they all read through (ADR 0045), a
 * deadline poller and an outbox sender. Closing stops them, then Redis and the pool (not the database).
 */
final class PostgresStack implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(PostgresStack.class.getName());
    /**
     * Orders each reactor handles at once, unless the operator says otherwise (--reactor-lanes): a reactor's step is a
     * few short statements and waits for PostgreSQL most of the time, so its throughput is its lanes divided by one
     * step's latency. Their appends share group commits; the lanes of the three reactors borrow from the pool
     * (ORDERING_PG_POOL) like any call, and wait for a connection rather than fail when it is busy.
     */
    static final int DEFAULT_LANES = 16;

    private final PostgresAdapters pg;
    /**
     * The one reader of the global log in this process (ADR 0045): every subscription reads and waits through it, and
     * it reads PostgreSQL once for all of them.
     */
    private final TailedEventLog log;

    private final @Nullable RedisAdapters redis;
    private final ScheduledExecutorService scheduler;
    private final List<Thread> followers = new ArrayList<>();
    /** This process's share of the subscriptions' partitions (ADR 0034). */
    private final LeaseKeeper keeper;
    /** Renews the leases on a thread of its own, so a slow poller never delays a renewal. */
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ordering-leases").daemon().factory());

    private final OrderingApi.Services services;
    private final Split split;
    private final @Nullable ServiceChannel peers;
    private final BasketStore baskets;
    private final Catalog catalog;
    /** How long a call to another process of the deployment may take before it counts as a transient failure. */
    static final Duration REMOTE_DEADLINE = Duration.ofSeconds(5);

    private final Telemetry telemetry;

    /**
     * Wrappers around the ports a checkout goes through: the services' event store, the basket store, the stock and
     * the payment gateway. None in production ({@link #NONE}); a fault test wraps them to freeze a real store at the
     * exact call of one checkout step, every behaviour staying the real adapter's.
     */
    record Decorators(
            UnaryOperator<EventStore> events,
            UnaryOperator<BasketStore> baskets,
            UnaryOperator<Inventory> inventory,
            UnaryOperator<PaymentGateway> gateway) {
        static final Decorators NONE = new Decorators(e -> e, b -> b, i -> i, g -> g);
    }

    /**
     * What an operator (or a test) sets on a stack: e-mail delivery, checkout timeouts, decorated ports, the metrics
     * and traces that observe it ({@link Telemetry#OFF}: none), and how its subscriptions are split into partitions
     * and leased (ADR 0034).
     */
    record Options(
            NotificationService.Settings mail,
            CheckoutTimeouts checkout,
            Decorators decorators,
            int reactorLanes,
            Telemetry telemetry,
            LeaseKeeper.Settings leasing) {
        static final Options DEFAULT =
                new Options(NotificationService.Settings.DEFAULT, CheckoutTimeouts.DEFAULT, Decorators.NONE);

        Options {
            requireLanes(reactorLanes);
            Objects.requireNonNull(leasing, "leasing");
        }

        Options(NotificationService.Settings mail, CheckoutTimeouts checkout, Decorators decorators, int reactorLanes) {
            this(mail, checkout, decorators, reactorLanes, Telemetry.OFF, LeaseKeeper.Settings.DEFAULT);
        }

        Options withTelemetry(Telemetry observed) {
            return new Options(mail, checkout, decorators, reactorLanes, observed, leasing);
        }

        Options withLeasing(LeaseKeeper.Settings leases) {
            return new Options(mail, checkout, decorators, reactorLanes, telemetry, leases);
        }

        Options(NotificationService.Settings mail, CheckoutTimeouts checkout, Decorators decorators) {
            this(mail, checkout, decorators, DEFAULT_LANES);
        }

        Options(NotificationService.Settings mail, CheckoutTimeouts checkout) {
            this(mail, checkout, Decorators.NONE);
        }
    }

    /** The most lanes a reactor may run at once: more would only queue on the pool. */
    static final int MAX_LANES = 64;

    /** Refuses a number of lanes outside 1 to {@value #MAX_LANES}, naming the flag that sets it. */
    static int requireLanes(int reactorLanes) {
        if (reactorLanes < 1 || reactorLanes > MAX_LANES) {
            throw new IllegalArgumentException(
                    "--reactor-lanes is between 1 and " + MAX_LANES + ", not " + reactorLanes);
        }
        return reactorLanes;
    }

    PostgresStack(
            PostgresAdapters pg,
            @Nullable RedisAdapters redis,
            List<Book> demoBooks,
            Clock clock,
            RandomGenerator random,
            Mailer mailer) {
        this(pg, redis, demoBooks, clock, random, mailer, Options.DEFAULT);
    }

    /** With the operator's settings: e-mail retries and retention, checkout timeouts, and decorated ports. */
    PostgresStack(
            PostgresAdapters pg,
            @Nullable RedisAdapters redis,
            List<Book> demoBooks,
            Clock clock,
            RandomGenerator random,
            Mailer mailer,
            Options options) {
        this(pg, redis, demoBooks, clock, random, mailer, options, Split.ALL_IN_ONE);
    }

    /**
     * Running only the services of {@code split} (issue 15): Basket's, Notification's and Finance's ports through the
     * gateway when they run elsewhere, and only the subscriptions and pollers of its own services, if any (ADR 0031).
     */
    PostgresStack(
            PostgresAdapters pg,
            @Nullable RedisAdapters redis,
            List<Book> demoBooks,
            Clock clock,
            RandomGenerator random,
            Mailer mailer,
            Options options,
            Split split) {
        Decorators decorators = options.decorators();
        this.split = split;
        this.peers = !Split.callsElsewhere(split.services()) || split.gateway() == null
                ? null
                : ServiceChannel.to(split.gateway(), split.requireToken());
        var elsewhere = elsewhere(split, peers, redis, clock);
        this.baskets = redis != null ? redis.baskets() : new InMemoryBasketStore();
        Telemetry telemetry = options.telemetry();
        this.telemetry = telemetry;
        this.pg = pg;
        this.log = new TailedEventLog(pg.eventLog());
        this.redis = redis;
        // the catalog lives in PostgreSQL: the demo books are added once, so an admin's changes to them survive
        Catalog books = pg.catalog();
        var known = books.books(demoBooks.stream().map(Book::id).toList());
        demoBooks.stream().filter(book -> !known.containsKey(book.id())).forEach(books::put);
        this.catalog = new CachedCatalog(
                books, redis != null ? redis.bookCache() : new InMemoryVersionedCache<BookId, Book>(), clock);
        // Order views are read straight from PostgreSQL: its projection writes the rows itself, so a cache in front
        // of them would never hear of a change and would serve a stale status until it expired.
        var ports = new ServiceGraph.Ports(
                telemetry.events(decorators.events().apply(pg.eventStore())),
                log,
                pg.idempotencyKeys(),
                pg.snapshots(),
                pg.checkpoints(),
                pg.deadLetters(),
                pg.orderViews(),
                pg.buyerViews(),
                decorators.baskets().apply(baskets),
                catalog,
                decorators.inventory().apply(pg.inventory()),
                decorators.gateway().apply(new SimulatedPaymentGateway()),
                telemetry.deadlines(pg.sagaDeadlines()),
                pg.emailOutbox(),
                telemetry.mailer(mailer),
                pg.unitOfWork());
        var settings = ServiceGraph.Settings.of(clock, random)
                .withCheckout(options.checkout())
                .withMail(options.mail())
                .withReactorLanes(options.reactorLanes())
                .withProjectionBatch(1_000);
        ServiceGraph graph = new ServiceGraph(ports, settings, elsewhere, telemetry.handlers());
        this.services = Wiring.services(graph);
        this.scheduler = Executors.newScheduledThreadPool(
                4, Thread.ofPlatform().name("ordering-background-", 0).daemon().factory());
        // the reactors and the projections alike: each subscription on a thread of its own; the gauges watch those
        // this process's services own, whether or not it runs them
        List<Subscription> owned = graph.subscriptionsOf(split.services());
        Leases leases = pg.leases(clock);
        this.keeper = new LeaseKeeper(leases, ownerId(), options.leasing(), clock);
        startBackground(split.background() ? owned : List.of(), graph, leases, clock);
        telemetry.watch(pg, owned.stream().map(Subscription::name).toList(), clock);
    }

    /**
     * Basket's, Notification's and Finance's ports from another process, through the gateway, when they do not run
     * here; Basket's catalog behind the shared Redis book cache, which Basket's processes keep current.
     */
    private static ServiceGraph.Elsewhere elsewhere(
            Split split, @Nullable ServiceChannel peers, @Nullable RedisAdapters redis, Clock clock) {
        if (peers == null) {
            return ServiceGraph.Elsewhere.NONE;
        }
        boolean basketHere = split.runs(Service.BASKET);
        return new ServiceGraph.Elsewhere(
                basketHere ? null : peers.inventory(REMOTE_DEADLINE),
                basketHere ? null : peers.basketCheckouts(REMOTE_DEADLINE),
                basketHere
                        ? null
                        : new CachedCatalog(
                                peers.catalog(REMOTE_DEADLINE),
                                redis != null ? redis.bookCache() : new InMemoryVersionedCache<BookId, Book>(),
                                clock),
                split.runs(Service.NOTIFICATION) ? null : peers.emailRequests(REMOTE_DEADLINE),
                split.runs(Service.FINANCE) ? null : peers.paymentAuthorizations(REMOTE_DEADLINE));
    }

    /** One heartbeat; on a failure the leases lapse on their own and the partitions wait for a tick that succeeds. */
    private void tickOrLog() {
        try {
            keeper.tick();
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.ERROR, "renewing the partition leases failed", failure);
        }
    }

    /**
     * Follows each subscription on a thread of its own, woken by the log, over the partitions this process holds a
     * lease of (ADR 0034): every process that runs a service runs its background work, and the leases decide which
     * lanes each follows. The heartbeat claims this process's share before the threads start and then every third of
     * the lease's duration; a heartbeat that fails (the store out of reach) is logged, and the next one claims. The
     * pollers claim their rows themselves (saga deadlines FOR UPDATE SKIP LOCKED, e-mail
     * claims), so every replica runs them.
     */
    private void startBackground(List<Subscription> owned, ServiceGraph graph, Leases leases, Clock clock) {
        var ports = graph.ports();
        var subscriptions = owned.stream()
                .map(whole -> new PartitionedSubscription(
                        whole, keeper, leases, ports.checkpoints(), ports.deadLetters(), ports.log(), clock))
                .toList();
        if (!subscriptions.isEmpty()) {
            // the first heartbeat too: a store briefly out of reach delays this process's share, never its start
            tickOrLog();
            long every = keeper.settings().renewEvery().toMillis();
            heartbeat.scheduleWithFixedDelay(this::tickOrLog, every, every, TimeUnit.MILLISECONDS);
        }
        CheckoutSagaService sagas = graph.sagas();
        NotificationService notifications = graph.notifications();
        // each subscription on a thread of its own, woken by the log; its lanes handle different orders at once
        for (PartitionedSubscription subscription : subscriptions) {
            followers.add(Thread.ofPlatform()
                    .name("ordering-" + subscription.name())
                    .daemon()
                    .start(() -> {
                        try {
                            subscription.follow(Duration.ofSeconds(1), Duration.ofSeconds(1));
                        } catch (InterruptedException stopped) {
                            Thread.currentThread().interrupt();
                        }
                    }));
        }
        if (split.runsBackgroundOf(Service.FINANCE)) {
            repeat("deadlines", () -> sagas.fireDue(clock.instant()), 1_000);
        }
        if (split.runsBackgroundOf(Service.NOTIFICATION)) {
            repeat("outbox", notifications::deliverDue, 500);
            // sent e-mails are kept for the retention (--mail-retention), then deleted; hourly as BookWorm's job
            repeat(
                    "outbox clean-up",
                    notifications::cleanUpExpired,
                    Duration.ofHours(1).toMillis());
        }
    }

    private void repeat(String what, Runnable task, long delayMillis) {
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException failure) {
                        // a thrown task would stop its schedule for good: log and try again next round
                        LOG.log(System.Logger.Level.ERROR, "background " + what + " failed; retrying", failure);
                    }
                },
                delayMillis,
                delayMillis,
                TimeUnit.MILLISECONDS);
    }

    /**
     * Who this process is among the leases' owners: host, process id and a random suffix (a restarted process is a
     * new owner, so it never mistakes its predecessor's leases for its own).
     */
    static String ownerId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException unknown) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/"
                + Long.toHexString(
                        java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 16);
    }

    /** This process's share of the partitions: which it holds, under which tokens. */
    LeaseKeeper leases() {
        return keeper;
    }

    OrderingApi.Services services() {
        return services;
    }

    /**
     * What this process serves over gRPC: its services, and Basket's inventory, checkout baskets and catalog to the
     * others when Basket is here and the deployment has a service token.
     */
    OrderingApi.Deployment deployment() {
        // without a token no process could call it: not served at all (as in the all-in-one default)
        return new OrderingApi.Deployment(
                split.services(),
                split.token(),
                split.token() == null ? null : new OrderingApi.BasketPorts(pg.inventory(), baskets, catalog));
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    PostgresAdapters postgres() {
        return pg;
    }

    /** The one reader of the global log that the subscriptions of this stack read through. */
    TailedEventLog log() {
        return log;
    }

    /** The metrics and traces observing this stack: the server adds its interceptors. */
    Telemetry telemetry() {
        return telemetry;
    }

    /** What health probes: PostgreSQL, the system of record, and Redis when baskets live there. */
    List<DependencyHealth.Dependency> dependencies() {
        var dependencies = new ArrayList<DependencyHealth.Dependency>();
        dependencies.add(new DependencyHealth.Dependency("postgresql", pg::ping, true));
        if (redis != null) {
            dependencies.add(new DependencyHealth.Dependency("redis", redis::ping, false));
        }
        return dependencies;
    }

    @Override
    public void close() {
        var failures = new ArrayList<RuntimeException>();
        scheduler.shutdownNow();
        heartbeat.shutdownNow();
        followers.forEach(Thread::interrupt);
        if (peers != null) {
            peers.close();
        }
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
            for (Thread follower : followers) {
                follower.join(10_000);
            }
            heartbeat.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        log.close(); // after the subscriptions that read through it
        // a clean stop hands the partitions over at once instead of after the lease's duration
        keeper.releaseAll();
        if (redis != null) {
            try {
                redis.close();
            } catch (RuntimeException failed) {
                failures.add(failed);
            }
        }
        pg.close();
        failures.forEach(failed -> LOG.log(System.Logger.Level.WARNING, "closing Redis failed", failed));
    }
}
