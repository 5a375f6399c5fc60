package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.eventsourcing.DeadLetterService;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.LeaseKeeper;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.PartitionedSubscription;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.testing.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator's verbs reach a subscription that keeps running (ADR 0050): its passes load their checkpoints and held
 * lanes afresh, in one statement, each time, so a retried lane is retried, a dropped one is gone and a reset
 * checkpoint is read from, at the next pass of the same owner, with its leases unchanged.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class OperatorVerbsOnARunningPassIT {
    private static final String NAME = "operated-views";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
    private final Map<UUID, Integer> handled = new ConcurrentHashMap<>();
    private final Set<UUID> broken = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    final PostgresTestDatabase pg = new PostgresTestDatabase();

    private OrderService orders;

    @BeforeEach
    void start() {
        orders = new OrderService(PostgresTestDatabase.storesOf(pg.adapters()));
    }

    private int placedSoFar;

    /**
     * Places {@code count} orders and answers the log once it shows all of them: a transaction elsewhere on the server
     * may hold the log's horizon back for a while (RELIABILITY.md section 3), and a drain before that finds nothing.
     */
    private List<RecordedEvent> placed(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            orders.place(Caller.buyer(Samples.BUYER), null, Samples.buyer(), Samples.ADDRESS, Samples.lines());
        }
        placedSoFar += count;
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<RecordedEvent> log = pg.adapters().eventLog().readAfter(LogPosition.START, 10_000);
        while (log.size() < placedSoFar && System.nanoTime() < deadline) {
            Thread.sleep(20);
            log = pg.adapters().eventLog().readAfter(LogPosition.START, 10_000);
        }
        assertThat(log).as("every order placed shows in the log").hasSize(placedSoFar);
        return log;
    }

    @Test
    void a_retry_a_drop_and_a_reset_take_effect_at_the_running_owner_s_next_pass() throws InterruptedException {
        var checkpoints = new PostgresCheckpoints(pg.adapters().dataSource());
        var deadLetters = new PostgresDeadLetters(pg.adapters().dataSource(), EventCodec.standard());
        var keeper = new LeaseKeeper(
                new PostgresLeases(pg.adapters().dataSource(), clock),
                "owner",
                new LeaseKeeper.Settings(2, Duration.ofSeconds(10)),
                clock);
        var whole = new Subscription(
                NAME,
                pg.adapters().eventLog(),
                checkpoints,
                deadLetters,
                event -> {
                    if (broken.contains(event.stream().id())) {
                        throw new IllegalStateException("a bug in the projection");
                    }
                    handled.merge(event.eventId(), 1, Integer::sum);
                },
                10,
                1,
                Subscription.Retries.on(clock),
                new PostgresUnitOfWork(pg.adapters().dataSource()));
        var running = new PartitionedSubscription(
                whole,
                keeper,
                new PostgresLeases(pg.adapters().dataSource(), clock),
                checkpoints,
                deadLetters,
                pg.adapters().eventLog(),
                clock);
        keeper.tick();
        var operator = new DeadLetterService(deadLetters, checkpoints, List.of(NAME), clock);

        List<RecordedEvent> first = placed(4);
        UUID lane = first.get(1).stream().id();
        broken.add(lane);
        running.drain();
        assertThat(deadLetters.lanes(NAME))
                .extracting(DeadLetters.Lane::id, held -> held.hold().status())
                .containsExactly(tuple(lane, DeadLetters.Status.PARKED));
        assertThat(handled).hasSize(3);

        broken.clear();
        operator.retry(NAME, lane);
        running.drain();
        assertThat(deadLetters.lanes(NAME)).as("retried at the next pass").isEmpty();
        assertThat(handled).hasSize(4).containsEntry(first.get(1).eventId(), 1);

        List<RecordedEvent> second = placed(1);
        UUID dropped = second.getLast().stream().id();
        broken.add(dropped);
        running.drain();
        assertThat(deadLetters.lanes(NAME)).extracting(DeadLetters.Lane::id).containsExactly(dropped);
        operator.drop(NAME, dropped);
        broken.clear();
        clock.advance(Duration.ofMinutes(5)); // past any retry it could have had
        keeper.tick();
        running.drain();
        assertThat(deadLetters.lanes(NAME)).as("dropped").isEmpty();
        assertThat(handled).as("the dropped lane's event never handled").hasSize(4);

        Subscriptions.moveCheckpoint(pg.adapters().dataSource(), NAME, LogPosition.START);
        running.drain();
        assertThat(handled)
                .as("after the reset, every event again, once; the dropped one too (it is read again)")
                .hasSize(5)
                .containsEntry(first.get(0).eventId(), 2)
                .containsEntry(second.getLast().eventId(), 1);
    }
}
