package org.bookworm.ordering.core.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.contract.ContractFixtures.orderStream;
import static org.bookworm.ordering.core.contract.ContractFixtures.someEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.bookworm.ordering.core.contract.CountingEventLog;
import org.bookworm.ordering.core.inmemory.InMemoryCheckpoints;
import org.bookworm.ordering.core.inmemory.InMemoryDeadLetters;
import org.bookworm.ordering.core.inmemory.InMemoryEventStore;
import org.bookworm.ordering.core.inmemory.InMemoryLeases;
import org.bookworm.ordering.core.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** Subscriptions following one {@link TailedEventLog}: what they cost the log under it, and when they wake. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class TailedEventLogTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final EventFilter NOTHING = EventFilter.streams(StreamType.of("nothingatall"));

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T20:00:00Z"));
    private final InMemoryEventStore store = new InMemoryEventStore(clock);
    private final CountingEventLog source = new CountingEventLog(store);
    private final TailedEventLog log = new TailedEventLog(source, 1_000, 100, Duration.ofMillis(20));
    private final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
    private final List<Thread> followers = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        followers.forEach(Thread::interrupt);
        for (Thread follower : followers) {
            follower.join(PATIENCE.toMillis());
        }
        log.close();
    }

    @Test
    void five_subscriptions_following_one_tailed_log_read_the_source_once_per_tail_page_not_five_times() {
        var handled = new ArrayList<List<RecordedEvent>>();
        for (int i = 0; i < 5; i++) {
            var mine = new CopyOnWriteArrayList<RecordedEvent>();
            handled.add(mine);
            follow(subscription("all-" + i, checkpoints, EventHandler.of(EventFilter.ALL, mine::add)), PATIENCE);
        }
        await("the tail started", () -> log.window().isPresent());

        for (int i = 1; i <= 30; i++) {
            store.append(orderStream(), 0, someEvents(1));
            int appended = i;
            await("all five handled append " + i, () -> handled.stream().allMatch(mine -> mine.size() == appended));
        }

        assertThat(readsByFollowers())
                .as("30 appends, each handled by five subscriptions: they read the source only to catch up at first")
                .isLessThanOrEqualTo(5);
        assertThat(source.readsBy(CountingEventLog.TAIL))
                .as("the tail read each append once (a page each, and one to find nothing after it at most)")
                .isBetween(30, 61);
    }

    @Test
    void a_subscription_whose_filter_matches_nothing_is_not_pumped_per_append() {
        var loads = new AtomicInteger();
        var counted = counting(loads);
        var all = new CopyOnWriteArrayList<RecordedEvent>();
        follow(subscription("all", checkpoints, EventHandler.of(EventFilter.ALL, all::add)), PATIENCE);
        follow(subscription("none", counted, EventHandler.of(NOTHING, event -> {})), PATIENCE);
        await("both started", () -> log.window().isPresent() && loads.get() > 0);
        int before = loads.get();

        appendOneByOne(20, all);

        assertThat(loads.get() - before)
                .as("20 appends it has nothing to do in: not one pump pass each")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void a_subscription_that_only_passes_over_still_saves_where_it_looked_once_the_interval_passed() {
        Subscription none = subscription("none", checkpoints, EventHandler.of(NOTHING, event -> {}));
        follow(none, Duration.ofMillis(20));
        await("the tail started", () -> log.window().isPresent());
        for (int i = 0; i < 5; i++) {
            store.append(orderStream(), 0, someEvents(2));
        }
        await("the tail read them", () -> log.window().orElseThrow().events() == 10);
        LogPosition tenth = log.window().orElseThrow().end();
        await("it passed over them", () -> none.position().equals(tenth));
        assertThat(checkpoints.load("none"))
                .as("within the interval: not saved")
                .isEqualTo(LogPosition.START);

        clock.advance(Subscription.SAVE_PASSED_OVER_EVERY);
        store.append(orderStream(), 0, someEvents(1)); // the next page it passes over saves (ADR 0037)
        await("the tail read it", () -> log.window().orElseThrow().events() == 11);
        LogPosition end = log.window().orElseThrow().end();

        await(
                "the checkpoint saved at the log's end",
                () -> checkpoints.load("none").equals(end));
    }

    @Test
    void partitioned_subscriptions_read_through_the_tail_and_one_that_matches_nothing_is_not_pumped_per_append() {
        var loads = new AtomicInteger();
        Checkpoints counted = counting(loads);
        var leases = new InMemoryLeases(clock);
        var keeper = new LeaseKeeper(leases, "owner", new LeaseKeeper.Settings(4, Duration.ofSeconds(10)), clock);
        var all = new CopyOnWriteArrayList<RecordedEvent>();
        var everything = new PartitionedSubscription(
                subscription("all", checkpoints, EventHandler.of(EventFilter.ALL, all::add)),
                keeper,
                leases,
                checkpoints,
                new InMemoryDeadLetters(),
                log,
                clock);
        var none = new PartitionedSubscription(
                subscription("none", counted, EventHandler.of(NOTHING, event -> {})),
                keeper,
                leases,
                counted,
                new InMemoryDeadLetters(),
                log,
                clock);
        keeper.tick();
        follow("all", everything::follow);
        follow("none", none::follow);
        await("both started", () -> log.window().isPresent() && loads.get() > 0);
        int before = loads.get();

        appendOneByOne(20, all);

        assertThat(all)
                .extracting(RecordedEvent::eventId)
                .doesNotHaveDuplicates()
                .hasSize(20);
        assertThat(readsByFollowers())
                .as("the four partitions of each read the source only to catch up at first")
                .isLessThanOrEqualTo(8);
        assertThat(loads.get() - before)
                .as("20 appends it has nothing to do in: not a pass of its four partitions each")
                .isLessThanOrEqualTo(8);
    }

    /** Appends {@code count} events one after the other, each once the subscription taking all has handled it. */
    private void appendOneByOne(int count, List<RecordedEvent> all) {
        for (int i = 1; i <= count; i++) {
            store.append(orderStream(), 0, someEvents(1));
            int appended = i;
            await("the other handled append " + i, () -> all.size() == appended);
        }
    }

    private Checkpoints counting(AtomicInteger loads) {
        return new Checkpoints() {
            @Override
            public LogPosition load(String subscription) {
                loads.incrementAndGet();
                return checkpoints.load(subscription);
            }

            @Override
            public void save(String subscription, LogPosition position) {
                checkpoints.save(subscription, position);
            }
        };
    }

    /** How a subscription, whole or partitioned, follows the log. */
    @FunctionalInterface
    private interface Follower {
        void follow(Duration maxWait, Duration pause) throws InterruptedException;
    }

    private void follow(String name, Follower follower) {
        followers.add(Thread.ofPlatform().name("follower-" + name).start(() -> {
            try {
                follower.follow(PATIENCE, Duration.ofMillis(10));
            } catch (InterruptedException stopped) {
                // stopped by the test
            }
        }));
    }

    private Subscription subscription(String name, Checkpoints kept, EventHandler handler) {
        return new Subscription(
                name, log, kept, new InMemoryDeadLetters(), handler, 10, 1, Subscription.Retries.on(clock));
    }

    private void follow(Subscription subscription, Duration maxWait) {
        followers.add(Thread.ofPlatform()
                .name("follower-" + subscription.name())
                .start(() -> {
                    try {
                        subscription.follow(maxWait, Duration.ofMillis(10));
                    } catch (InterruptedException stopped) {
                        // stopped by the test
                    }
                }));
    }

    private int readsByFollowers() {
        return followers.stream()
                .mapToInt(follower -> source.readsBy(follower.getName()))
                .sum();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not within " + PATIENCE);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", interrupted);
            }
        }
    }
}
