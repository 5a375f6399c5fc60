package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PageRequest;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.ordering.BuyerService;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderProjection;
import org.bookworm.ordering.core.ordering.OrderQuery;
import org.bookworm.ordering.core.ordering.OrderRejection;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The projections on PostgreSQL, run by the service graph's subscriptions in a {@link PostgresUnitOfWork}: views follow
 * the log, poison events park, rebuilds swap, one owner at a time and every effect once.
 */
class ProjectionIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    static OrderService orders;
    static BuyerService buyers;
    static PostgresBookWorm world;

    @BeforeAll
    static void start() {
        var stores = PostgresTestDatabase.storesOf(pg.adapters());
        orders = new OrderService(stores);
        buyers = new BuyerService(stores);
        world = new PostgresBookWorm(pg.adapters());
    }

    static OrderId place() {
        var placed = orders.place(Caller.buyer(Samples.BUYER), null, Samples.buyer(), Samples.ADDRESS, Samples.lines());
        return new OrderId(((Outcome.Done<OrderRejection>) placed).stream().id());
    }

    static void drainUntil(java.util.concurrent.Callable<Boolean> settled) {
        // Another database's open transaction on the shared server may hold the reader back for a while.
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    world.drainProjections();
                    return settled.call();
                });
    }

    @Test
    void viewsFollowTheLogAsTheCoreFoldSaysAndRedeliveryChangesNothing() {
        var ids = new ArrayList<OrderId>();
        for (int i = 0; i < 10; i++) {
            OrderId order = place();
            ids.add(order);
            orders.confirm(Caller.system("checkout"), order);
            if (i % 2 == 0) {
                orders.shipAll(Caller.admin("admin"), order);
            }
            if (i % 3 == 0) {
                orders.cancel(Caller.buyer(Samples.BUYER), null, order);
            }
        }
        var buyerId = new BuyerId(UUID.randomUUID());
        buyers.create(
                Caller.buyer(buyerId), new PersonName("Grace"), new EmailAddress("grace@example.org"), Samples.ADDRESS);
        drainUntil(() ->
                ids.stream().allMatch(id -> pg.adapters().orderViews().find(id).isPresent())
                        && pg.adapters().buyerViews().find(buyerId).isPresent());
        for (OrderId id : ids) {
            var expected = OrderProjection.fold(
                    pg.adapters().eventStore().load(OrderService.stream(id)).events());
            assertThat(pg.adapters().orderViews().find(id)).contains(expected);
        }
        assertThat(pg.adapters().buyerViews().find(buyerId).orElseThrow().name())
                .isEqualTo(new PersonName("Grace"));
        // Rewinding the checkpoint redelivers everything; versions make it a no-op.
        var before = pg.adapters().orderViews().list(new OrderQuery(null, null, PageRequest.first(100)));
        pg.adapters()
                .checkpoints()
                .save(
                        org.bookworm.ordering.core.ordering.OrderProjector.NAME,
                        org.bookworm.ordering.core.eventsourcing.LogPosition.START);
        world.drainProjections();
        assertThat(pg.adapters().orderViews().list(new OrderQuery(null, null, PageRequest.first(100))))
                .isEqualTo(before);
    }

    @Test
    void aPoisonEventIsParkedWithTheRestOfItsStreamWhileOtherStreamsFlow() throws SQLException {
        OrderId poisoned = place();
        try (Connection c = pg.db().connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO eventstore.events (stream_type, stream_id,"
                        + " version, event_id, type, schema_version, data, metadata) VALUES ('order', ?, 2, ?,"
                        + " 'OrderTeleported', 1, '{}', ?::jsonb)")) {
            ps.setObject(1, poisoned.value());
            ps.setObject(2, UUID.randomUUID());
            ps.setString(3, pg.adapters().codec().write(Samples.metadata()));
            ps.executeUpdate();
        }
        // Version 3, behind the poison (written by a newer writer; this reader cannot fold the stream any more).
        pg.adapters()
                .eventStore()
                .append(
                        OrderService.stream(poisoned),
                        2,
                        List.of(Samples.newEvent(Samples.confirmed(poisoned, Samples.AT))));
        OrderId healthy = place();
        drainUntil(() -> pg.adapters().orderViews().find(healthy).isPresent());
        var letters = pg.adapters().deadLetters().list(org.bookworm.ordering.core.ordering.OrderProjector.NAME);
        assertThat(letters).extracting(l -> l.event().version()).containsExactly(2L, 3L);
        assertThat(letters.get(0).error()).contains("OrderTeleported");
        assertThat(letters.get(1).error()).as("the lane's reason").contains("OrderTeleported");
        assertThat(letters)
                .allSatisfy(letter -> assertThat(letter.status())
                        .isEqualTo(org.bookworm.ordering.core.eventsourcing.DeadLetters.Status.PARKED));
        assertThat(pg.adapters().orderViews().find(poisoned).orElseThrow().version())
                .isEqualTo(1);
    }

    @Test
    void aRebuildSwapsInAFullReadModelWhileReadersNeverSeeItEmpty() throws Exception {
        var placed = new java.util.ArrayList<OrderId>();
        for (int i = 0; i < 30; i++) {
            placed.add(place());
        }
        // every one of these: the class's other tests left orders, so a count alone may be met before they show
        drainUntil(() -> placed.stream()
                .allMatch(id -> pg.adapters().orderViews().find(id).isPresent()));
        var before = pg.adapters().orderViews().list(new OrderQuery(null, null, PageRequest.first(100)));
        var stop = new AtomicBoolean();
        var emptyReads = new AtomicInteger();
        var reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> reader = pool.submit(() -> {
                while (!stop.get()) {
                    if (pg.adapters()
                            .orderViews()
                            .list(new OrderQuery(null, null, PageRequest.first(5)))
                            .items()
                            .isEmpty()) {
                        emptyReads.incrementAndGet();
                    }
                    reads.incrementAndGet();
                }
            });
            int replayed = pg.adapters().rebuildProjection(org.bookworm.ordering.core.ordering.OrderProjector.NAME);
            assertThat(replayed).isGreaterThanOrEqualTo(30);
            stop.set(true);
            reader.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(reads.get()).isPositive();
        assertThat(emptyReads.get()).isZero();
        assertThat(pg.adapters().orderViews().list(new OrderQuery(null, null, PageRequest.first(100))))
                .isEqualTo(before);
        OrderId after = place();
        drainUntil(() -> pg.adapters().orderViews().find(after).isPresent());
    }

    @Test
    void runningProjectionsFollowNewEventsUntilInterrupted() throws Exception {
        var projections = world.graph.projections();
        List<Thread> projectors = projections.stream()
                .map(projection -> Thread.ofPlatform().start(() -> {
                    try {
                        projection.follow(Duration.ofSeconds(1), Duration.ofMillis(100));
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    }
                }))
                .toList();
        try {
            OrderId order = place();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> pg.adapters().orderViews().find(order).isPresent());
            orders.confirm(Caller.system("checkout"), order);
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            pg.adapters().orderViews().find(order).orElseThrow().version() == 2);
        } finally {
            projectors.forEach(Thread::interrupt);
            for (Thread projector : projectors) {
                projector.join(10_000);
            }
        }
        assertThat(projectors).noneMatch(Thread::isAlive);
    }

    /** Two runners of one subscription (two processes' worth) handle every event exactly once between them. */
    @Test
    void twoOwnersOfOneSubscriptionNeverHandleAnEventTwice() throws Exception {
        try (Connection c = pg.db().connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE public.effects (event_id uuid NOT NULL, runner int NOT NULL)");
        }
        for (int i = 0; i < 200; i++) {
            place();
        }
        long total = EventLogEssentialsIT.countIn(pg.db(), "SELECT count(*) FROM eventstore.events");
        try (var second = PostgresAdapters.start(pg.db().config())) {
            List<Subscription> runners = List.of(effects(pg.adapters(), 1), effects(second, 2));
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                var work = new ArrayList<Future<?>>();
                for (Subscription runner : runners) {
                    work.add(pool.submit(() -> {
                        long deadline =
                                System.nanoTime() + Duration.ofSeconds(60).toNanos();
                        while (System.nanoTime() < deadline
                                && EventLogEssentialsIT.countIn(
                                                pg.db(), "SELECT count(DISTINCT event_id) FROM public.effects")
                                        < total) {
                            runner.pump();
                        }
                        return null;
                    }));
                }
                for (Future<?> w : work) {
                    w.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(EventLogEssentialsIT.countIn(pg.db(), "SELECT count(*) FROM public.effects"))
                .isEqualTo(total);
        assertThat(EventLogEssentialsIT.countIn(pg.db(), "SELECT count(DISTINCT event_id) FROM public.effects"))
                .isEqualTo(total);
    }

    /** A subscription whose effect is a row per event, written in its batch's transaction through the adapters' pool. */
    private static Subscription effects(PostgresAdapters adapters, int runner) {
        return new Subscription(
                "effects",
                adapters.eventLog(),
                adapters.checkpoints(),
                adapters.deadLetters(),
                event -> Jdbc.withConnection(adapters.dataSource(), "write an effect", c -> {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO public.effects VALUES (?, ?)")) {
                        ps.setObject(1, event.eventId());
                        ps.setInt(2, runner);
                        return ps.executeUpdate();
                    }
                }),
                7,
                1,
                Subscription.Retries.on(InstantSource.system()),
                adapters.unitOfWork());
    }
}
