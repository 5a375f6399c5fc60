package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeyTaken;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Concurrent appends share transactions, yet every caller gets its own answer. */
class GroupCommitIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    static EventStore store;

    @BeforeAll
    static void start() {
        store = pg.adapters().eventStore();
    }

    @Test
    void concurrentAppendsAreCoalescedAndEachCallerGetsItsOwnAnswer() throws Exception {
        int callers = 64;
        // Every fourth caller appends at a stale version of a stream that already has events: a conflict.
        var prepared = new ArrayList<OrderId>();
        for (int i = 0; i < callers; i++) {
            var order = new OrderId(UUID.randomUUID());
            if (i % 4 == 0) {
                store.append(EventStoreEssentialsIT.streamOf(order), 0, Samples.newEvents(order, 2));
            }
            prepared.add(order);
        }
        // Callers 1, 2 and 3 (mod 8) of each eight share one idempotency key: one of them wins it.
        String sharedKey = "key-" + UUID.randomUUID();
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        var answers = new ArrayList<Future<Object>>();
        try {
            for (int i = 0; i < callers; i++) {
                int caller = i;
                OrderId order = prepared.get(i);
                answers.add(pool.submit(() -> {
                    start.await();
                    IdempotencyRecord key = caller % 8 >= 1 && caller % 8 <= 3
                            ? IdempotencyRecord.done(
                                    "group-" + caller / 8, sharedKey, "h", Samples.KEY_STREAM, 1, Instant.now())
                            : null;
                    try {
                        return store.append(
                                EventStoreEssentialsIT.streamOf(order), 0, Samples.newEvents(order, 3), key);
                    } catch (ConcurrencyConflict | IdempotencyKeyTaken refused) {
                        return refused;
                    }
                }));
            }
            start.countDown();
            var results = new ArrayList<Object>();
            for (Future<Object> answer : answers) {
                results.add(answer.get());
            }
            for (int i = 0; i < callers; i++) {
                Object result = results.get(i);
                long stored = store.load(EventStoreEssentialsIT.streamOf(prepared.get(i)))
                        .version();
                if (i % 4 == 0) {
                    assertThat(result).as("caller " + i).isInstanceOf(ConcurrencyConflict.class);
                    assertThat(stored).isEqualTo(2);
                } else if (result instanceof IdempotencyKeyTaken) {
                    assertThat(i % 8).isBetween(1, 3);
                    assertThat(stored).isZero();
                } else {
                    assertThat(result).as("caller " + i).isEqualTo(3L);
                    assertThat(stored).isEqualTo(3);
                }
            }
            // In each group of eight, callers 1..3 share a key and none of them conflicts: exactly one wins it.
            for (int group = 0; group < callers / 8; group++) {
                assertThat(results.subList(group * 8 + 1, group * 8 + 4))
                        .filteredOn(r -> r instanceof IdempotencyKeyTaken)
                        .hasSize(2);
            }
        } finally {
            pool.shutdownNow();
        }
        long appends = callers - callers / 4 - 2L * (callers / 8);
        long transactions = EventLogEssentialsIT.countIn(
                pg.db(), "SELECT count(DISTINCT tx_id::text) FROM eventstore.events WHERE version = 3");
        System.out.printf("group commit: %d successful appends in %d transactions%n", appends, transactions);
        assertThat(transactions).isLessThan(appends);
    }

    @Test
    void anAppendOfManyEventsDoesNotQueueBehindBusyCommitSlots() throws Exception {
        var held = new OrderId(UUID.randomUUID());
        var large = new OrderId(UUID.randomUUID());
        int slots = GroupCommitter.writersFor(pg.db().config().poolSize());
        ExecutorService pool = Executors.newFixedThreadPool(slots + 1);
        try (Connection holder = pg.db().connect()) {
            holder.setAutoCommit(false);
            new AppendSql(pg.adapters().codec())
                    .append(holder, new AppendRequest(streamOf(held), 0, Samples.newEvents(held, 1), null));
            var blocked = new ArrayList<Future<Object>>();
            for (int i = 0; i < slots; i++) {
                blocked.add(pool.submit(() -> appendOrConflict(held, 1)));
            }
            waitForLockWaiters(slots);

            Future<Object> alone = pool.submit(() -> appendOrConflict(large, GroupCommitter.ALONE_FROM));
            // Well inside the pool's lock_timeout (3 s), after which the slots would give up and free themselves.
            assertThat(alone.get(1_500, TimeUnit.MILLISECONDS))
                    .as("answered while every commit slot waits for the holder")
                    .isEqualTo((long) GroupCommitter.ALONE_FROM);

            holder.commit();
            for (Future<Object> each : blocked) {
                assertThat(each.get(30, TimeUnit.SECONDS)).isInstanceOf(ConcurrencyConflict.class);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object appendOrConflict(OrderId order, int events) {
        try {
            return store.append(streamOf(order), 0, Samples.newEvents(order, events));
        } catch (ConcurrencyConflict conflict) {
            return conflict;
        }
    }

    private static StreamId streamOf(OrderId order) {
        return EventStoreEssentialsIT.streamOf(order);
    }

    /** Until {@code count} sessions of the test database wait on a lock, at most 10 s. */
    private static void waitForLockWaiters(int count) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (EventLogEssentialsIT.countIn(
                        pg.db(),
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                + " AND wait_event_type = 'Lock'")
                < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the commit slots never waited for the holder");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void twoAppendsToOneStreamInOneBatchConflictLikeTheyWouldAlone() throws Exception {
        for (int round = 0; round < 10; round++) {
            var order = new OrderId(UUID.randomUUID());
            var start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                var answers = new ArrayList<Future<Object>>();
                for (int i = 0; i < 4; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        try {
                            return store.append(EventStoreEssentialsIT.streamOf(order), 0, Samples.newEvents(order, 1));
                        } catch (ConcurrencyConflict conflict) {
                            return conflict;
                        }
                    }));
                }
                start.countDown();
                List<Object> results = new ArrayList<>();
                for (Future<Object> answer : answers) {
                    results.add(answer.get());
                }
                assertThat(results).filteredOn(r -> r.equals(1L)).hasSize(1);
                assertThat(store.load(EventStoreEssentialsIT.streamOf(order)).events())
                        .hasSize(1);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aListenerThatThrowsCostsTheCommittedCallerNothing() {
        pg.adapters().listenToGroupCommits((appends, took) -> {
            throw new IllegalStateException("a broken meter");
        });
        try {
            var order = new OrderId(UUID.randomUUID());
            var stream = EventStoreEssentialsIT.streamOf(order);

            long version = store.append(stream, 0, Samples.newEvents(order, 2));

            assertThat(version).isEqualTo(2L);
            assertThat(store.load(stream).events()).hasSize(2);
        } finally {
            pg.adapters().listenToGroupCommits(GroupCommitListener.NONE);
        }
    }
}
