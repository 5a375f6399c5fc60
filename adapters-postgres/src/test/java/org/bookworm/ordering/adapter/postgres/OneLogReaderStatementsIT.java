package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamType;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.eventsourcing.TailedEventLog;
import org.bookworm.ordering.core.inmemory.InMemoryCheckpoints;
import org.bookworm.ordering.core.inmemory.InMemoryDeadLetters;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderConfirmed;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderPlaced;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The statements five following subscriptions send to PostgreSQL's log while orders are appended, counted by {@link
 * StatementCounter}: each reading the log itself, then all reading through one {@link TailedEventLog} (ADR 0045).
 * Checkpoints and held lanes are in memory, so only the log's statements are counted.
 */
class OneLogReaderStatementsIT {
    private static final int ORDERS = 20;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    private static Notifications notifications;

    @BeforeAll
    static void start() {
        notifications = new Notifications(pg.db().config());
    }

    @AfterAll
    static void stop() {
        notifications.close();
    }

    @Test
    void five_subscriptions_reading_through_one_tail_send_fewer_statements_than_five_reading_the_log()
            throws InterruptedException {
        int direct = statementsOfFiveFollowers(log -> log);
        int tailed = statementsOfFiveFollowers(TailedEventLog::new);

        System.out.printf(
                "five followers of %d orders (placed + confirmed each): %d statements to the log reading it each,"
                        + " %d through one tail%n",
                ORDERS, direct, tailed);
        assertThat(tailed).as("through one tail, against " + direct).isLessThan(direct / 2);
    }

    /** Statements the log sends while five subscriptions follow {@value #ORDERS} orders through {@code wrap}. */
    private int statementsOfFiveFollowers(UnaryOperator<EventLog> wrap) throws InterruptedException {
        var counter = new StatementCounter(pg.adapters().dataSource());
        EventLog log = wrap.apply(
                new PostgresEventLog(counter.dataSource(), pg.adapters().codec(), notifications));
        var checkpoints = new InMemoryCheckpoints();
        LogPosition end = end();
        var handled = new AtomicInteger();
        List<Subscription> subscriptions = List.of(
                follower("all-1", log, checkpoints, end, EventFilter.ALL, handled),
                follower("all-2", log, checkpoints, end, EventFilter.ALL, new AtomicInteger()),
                follower("placed", log, checkpoints, end, EventFilter.events(OrderPlaced.class), new AtomicInteger()),
                follower(
                        "confirmed",
                        log,
                        checkpoints,
                        end,
                        EventFilter.events(OrderConfirmed.class),
                        new AtomicInteger()),
                follower(
                        "nothing",
                        log,
                        checkpoints,
                        end,
                        EventFilter.streams(StreamType.of("nothing")),
                        new AtomicInteger()));
        var threads = new ArrayList<Thread>();
        for (Subscription subscription : subscriptions) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    subscription.follow(Duration.ofSeconds(1), Duration.ofMillis(100));
                } catch (InterruptedException stopped) {
                    // stopped by the test
                }
            }));
        }
        try {
            counter.take();
            for (int i = 1; i <= ORDERS; i++) {
                var order = new OrderId(UUID.randomUUID());
                pg.adapters()
                        .eventStore()
                        .append(EventStoreEssentialsIT.streamOf(order), 0, Samples.newEvents(order, 2));
                int appended = 2 * i;
                await(() -> handled.get() == appended);
            }
            LogPosition last = end();
            await(() -> subscriptions.stream().allMatch(s -> !last.isAfter(s.position())));
            return counter.take();
        } finally {
            threads.forEach(Thread::interrupt);
            for (Thread thread : threads) {
                thread.join();
            }
            if (log instanceof TailedEventLog tailed) {
                tailed.close();
            }
        }
    }

    private static Subscription follower(
            String name,
            EventLog log,
            InMemoryCheckpoints checkpoints,
            LogPosition from,
            EventFilter filter,
            AtomicInteger handled) {
        checkpoints.save(name, from);
        return new Subscription(
                name,
                log,
                checkpoints,
                new InMemoryDeadLetters(),
                EventHandler.of(filter, event -> handled.incrementAndGet()),
                100);
    }

    /** Where the log ends now, read without counting. */
    private static LogPosition end() {
        LogPosition at = LogPosition.START;
        List<RecordedEvent> page;
        while (!(page = pg.adapters().eventLog().readAfter(at, 1_000)).isEmpty()) {
            at = page.getLast().position();
        }
        return at;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within " + PATIENCE).isLessThan(deadline);
            Thread.sleep(2);
        }
    }
}
