package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.LeaseKeeper;
import org.bookworm.ordering.core.eventsourcing.Leases;
import org.bookworm.ordering.core.eventsourcing.Leases.Lease;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.Partition;
import org.bookworm.ordering.core.eventsourcing.PartitionedSubscription;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.eventsourcing.UnitOfWork;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two "processes" (two pools, two lease keepers with distinct owner ids) on one real PostgreSQL (ADR 0034): partitions
 * spread, a paused owner's partitions move within the lease's duration plus one heartbeat, its late writes are fenced,
 * and no event's effect is committed twice. The clock is a test clock both processes share (replicas keep their clocks
 * in step), so the handoff's bound is shown exactly, not timed.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class PartitionLeasesIT {
    private static final LeaseKeeper.Settings LEASING = new LeaseKeeper.Settings(8, Duration.ofSeconds(3));
    private static final String EFFECTS = "CREATE TABLE public.lease_effects (seq bigserial PRIMARY KEY,"
            + " subscription text NOT NULL, event_id uuid NOT NULL, owner text NOT NULL)";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
    /** Bare: both processes' adapters are started on it, and closed, by the test's own lifecycle methods. */
    @RegisterExtension
    final PostgresTestDatabase postgres = PostgresTestDatabase.withoutAdapters();

    private PostgresAdapters first;
    private PostgresAdapters second;

    /** One process: its pool, its share of the partitions, and its projection and reactor over them. */
    private final class Process {
        final PostgresAdapters pg;
        final LeaseKeeper keeper;
        final PartitionedSubscription projection;
        final PartitionedSubscription reactor;

        Process(PostgresAdapters pg, String owner, EventHandler pause) {
            this.pg = pg;
            var leases = pg.leases(clock);
            this.keeper = new LeaseKeeper(leases, owner, LEASING, clock);
            // a projection: its rows (one per event it applies) commit in the batch's transaction with its checkpoint
            var projected = counting("counted-views", owner, pause, pg.unitOfWork());
            // a reactor: each effect stands alone (an idempotent append in production), the checkpoint written after
            var reacting = counting("counting-reactor", owner, pause, UnitOfWork.NONE);
            this.projection = partitioned(projected, leases);
            this.reactor = partitioned(reacting, leases);
        }

        /** A subscription that records one row per event it applies, in {@code unit}. */
        private Subscription counting(String name, String owner, EventHandler pause, UnitOfWork unit) {
            return new Subscription(
                    name,
                    pg.eventLog(),
                    pg.checkpoints(),
                    pg.deadLetters(),
                    event -> {
                        pause.handle(event);
                        record(pg, name, event, owner);
                    },
                    10,
                    1,
                    Subscription.Retries.on(clock),
                    unit);
        }

        private PartitionedSubscription partitioned(Subscription whole, Leases leases) {
            return new PartitionedSubscription(
                    whole, keeper, leases, pg.checkpoints(), pg.deadLetters(), pg.eventLog(), clock);
        }

        List<Integer> partitions(String subscription) {
            return keeper.held(subscription).stream().map(Lease::partition).toList();
        }

        void drain() {
            projection.drain();
            reactor.drain();
        }
    }

    private static void record(PostgresAdapters pg, String subscription, RecordedEvent event, String owner) {
        Jdbc.withConnection(
                pg.dataSource(),
                "record an effect",
                c -> Jdbc.update(
                        c, "INSERT INTO public.lease_effects (subscription, event_id, owner) VALUES (?, ?, ?)", ps -> {
                            ps.setString(1, subscription);
                            ps.setObject(2, event.eventId());
                            ps.setString(3, owner);
                        }));
    }

    @BeforeEach
    void start() {
        first = PostgresAdapters.start(postgres.db().config());
        second = PostgresAdapters.start(postgres.db().config());
        Jdbc.withConnection(first.dataSource(), "create the effects", c -> Jdbc.update(c, EFFECTS, ps -> {}));
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    private void place(int orders) {
        var stores = PostgresTestDatabase.storesOf(first);
        var service = new OrderService(stores);
        for (int i = 0; i < orders; i++) {
            service.place(Caller.buyer(Samples.BUYER), null, Samples.buyer(), Samples.ADDRESS, Samples.lines());
        }
    }

    private List<UUID> events() {
        return first.eventLog().readAfter(LogPosition.START, 10_000).stream()
                .map(RecordedEvent::eventId)
                .toList();
    }

    /** How often each event's effect was committed by {@code subscription}, by event id. */
    private List<Long> timesApplied(String subscription) {
        return Jdbc.withConnection(
                first.dataSource(),
                "count effects",
                c -> Jdbc.query(
                        c,
                        "SELECT count(*) FROM public.lease_effects WHERE subscription = ? GROUP BY event_id",
                        ps -> ps.setString(1, subscription),
                        rs -> rs.getLong(1)));
    }

    @Test
    void partitions_spread_over_two_processes_and_every_event_is_applied_by_one_of_them_once() {
        var a = new Process(first, "process-a", event -> {});
        var b = new Process(second, "process-b", event -> {});

        a.keeper.tick();
        b.keeper.tick(); // all eight are held live by a: b claims none yet, but is now alive
        a.keeper.tick(); // a sees two owners: keeps four, releases four
        b.keeper.tick(); // b claims the four
        place(30);
        a.drain();
        b.drain();

        assertThat(a.partitions("counted-views")).containsExactly(0, 1, 2, 3);
        assertThat(b.partitions("counted-views")).containsExactly(4, 5, 6, 7);
        assertThat(a.partitions("counting-reactor")).hasSize(4);
        assertThat(b.partitions("counting-reactor")).hasSize(4);
        for (String subscription : List.of("counted-views", "counting-reactor")) {
            assertThat(timesApplied(subscription))
                    .as(subscription)
                    .hasSize(events().size())
                    .containsOnly(1L);
            assertThat(first.checkpoints().load(subscription))
                    .as(subscription + ": the whole subscription's checkpoint is its earliest partition's")
                    .isEqualTo(first.eventLog()
                            .readAfter(LogPosition.START, 10_000)
                            .getLast()
                            .position());
        }
    }

    @Test
    void a_paused_owner_is_taken_over_within_the_lease_plus_a_heartbeat_and_its_late_writes_are_refused()
            throws Exception {
        var paused = new CountDownLatch(1);
        var resume = new CountDownLatch(1);
        var pausing = new AtomicBoolean(true);
        var stoppedIn = new AtomicInteger(-1);
        var a = new Process(first, "process-a", event -> {
            if (pausing.getAndSet(false)) {
                stoppedIn.set(Partition.of(event.stream().id(), 8));
                paused.countDown(); // SIGSTOP in the middle of a projection's batch: its transaction stays open
                await(resume);
            }
        });
        var b = new Process(second, "process-b", event -> {});
        a.keeper.tick();
        place(12);
        var failure = new AtomicReference<Throwable>();
        Thread sleeper = Thread.ofPlatform().start(() -> {
            try {
                a.projection.drain();
            } catch (Throwable thrown) {
                failure.set(thrown);
            }
        });
        assertThat(paused.await(60, TimeUnit.SECONDS))
                .as("a is paused inside a batch")
                .isTrue();
        int stopped = stoppedIn.get();

        // a's heartbeat has stopped; b's goes on every third of the lease
        Duration waited = Duration.ZERO;
        while (b.partitions("counted-views").size() < 8) {
            assertThat(waited)
                    .as("b holds every partition within the lease's duration plus one heartbeat")
                    .isLessThanOrEqualTo(LEASING.duration().plus(LEASING.renewEvery()));
            b.keeper.tick();
            if (b.partitions("counted-views").size() < 8) {
                clock.advance(LEASING.renewEvery());
                waited = waited.plus(LEASING.renewEvery());
            }
        }
        assertThat(waited).as("not before a's lease lapsed").isGreaterThanOrEqualTo(LEASING.duration());
        b.drain(); // the stopped partition's batch is still open in a: b finds it locked and passes it by this round

        // SIGCONT: a's pass stops at its next event, whose lease lapsed on a's clock, and the whole batch rolls back
        // (had the paused event been the pass's last, its fenced checkpoint save would have been refused instead)
        resume.countDown();
        sleeper.join(60_000);
        assertThat(failure.get()).as("a fenced partition stops quietly").isNull();
        a.keeper.tick(); // a's heartbeat, late: its renewals are refused
        assertThat(a.partitions("counted-views"))
                .as("a forgot the lease it lost")
                .doesNotContain(stopped);
        b.drain();
        a.drain(); // a's leases lapsed on its clock: it runs nothing

        assertThat(timesApplied("counted-views"))
                .as("every projected row once: a's late batch rolled back")
                .hasSize(events().size())
                .containsOnly(1L);
        assertThat(first.checkpoints().load(new Partition(stopped, 8).key("counted-views")))
                .as("the stopped partition's checkpoint is b's")
                .isEqualTo(first.eventLog()
                        .readAfter(LogPosition.START, 10_000)
                        .getLast()
                        .position());
        assertThat(timesApplied("counting-reactor"))
                .as("b's reactor did every event once")
                .containsOnly(1L);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never resumed");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
