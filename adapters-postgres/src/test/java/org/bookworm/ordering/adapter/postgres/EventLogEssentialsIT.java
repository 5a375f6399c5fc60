package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.finance.CheckoutTimeouts;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderConfirmed;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The xid8 reader: never skips an event whose transaction commits late, never delivers one twice. */
class EventLogEssentialsIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    static EventStore store;
    static EventLog log;
    /** The type of every event the torture committed, by event id. */
    static final Map<UUID, Class<?>> TYPES = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        store = pg.adapters().eventStore();
        log = pg.adapters().eventLog();
    }

    @Test
    void aReaderResumesAfterItsPositionInLogOrder() {
        var order = new OrderId(UUID.randomUUID());
        var events = Samples.newEvents(order, 3);
        store.append(EventStoreEssentialsIT.streamOf(order), 0, events);
        // The server is shared: another database's open transaction may hold readers back for a while.
        List<RecordedEvent> all =
                readUntil(LogPosition.START, r -> r.stream().id().equals(order.value()), 3);
        List<RecordedEvent> mine =
                all.stream().filter(r -> r.stream().id().equals(order.value())).toList();
        assertThat(mine)
                .extracting(RecordedEvent::eventId)
                .containsExactlyElementsOf(EventStoreEssentialsIT.ids(events));
        LogPosition beforeLast = mine.get(1).position();
        List<RecordedEvent> rest = log.readAfter(beforeLast, 100);
        assertThat(rest)
                .extracting(RecordedEvent::eventId)
                .contains(events.get(2).eventId());
        assertThat(rest)
                .extracting(RecordedEvent::eventId)
                .doesNotContain(events.get(0).eventId(), events.get(1).eventId());
        assertThat(rest)
                .allSatisfy(r -> assertThat(r.position().isAfter(beforeLast)).isTrue());
        assertThat(log.readAfter(all.get(all.size() - 1).position(), 10)).isEmpty();
    }

    @Test
    void anEventWhoseTransactionCommitsLateHoldsReadersBackInsteadOfBeingSkipped() throws Exception {
        LogPosition start = drainFrom(LogPosition.START, new ArrayList<>());
        var slow = new OrderId(UUID.randomUUID());
        var fast = new OrderId(UUID.randomUUID());
        var slowEvents = Samples.newEvents(slow, 1);
        try (Connection c = pg.db().connect()) {
            c.setAutoCommit(false);
            new AppendSql(pg.adapters().codec())
                    .append(c, new AppendRequest(EventStoreEssentialsIT.streamOf(slow), 0, slowEvents, null));
            store.append(EventStoreEssentialsIT.streamOf(fast), 0, Samples.newEvents(fast, 1));
            // The fast event committed with a larger position, but an older transaction is still open.
            Set<UUID> ours = Set.of(slow.value(), fast.value());
            assertThat(log.readAfter(start, 500))
                    .noneMatch(r -> ours.contains(r.stream().id()));
            c.commit();
        }
        Set<UUID> ours = Set.of(slow.value(), fast.value());
        List<RecordedEvent> read = readUntil(
                        start, r -> ours.contains(r.stream().id()), 2)
                .stream()
                .filter(r -> ours.contains(r.stream().id()))
                .toList();
        assertThat(read).extracting(e -> e.stream().id()).containsExactly(slow.value(), fast.value());
    }

    /**
     * A filtered read that passes over events it does not take, up to a matching event committed but held back by an
     * older transaction still open, waits for that event (briefly, as an unfiltered read does) instead of ending
     * empty: a drain must not stop short of it.
     */
    @Test
    void aFilteredReadWaitsForAHeldBackMatchPastTheEventsItPassesOver() throws Exception {
        LogPosition start = drainFrom(LogPosition.START, new ArrayList<>());
        var passed = new OrderId(UUID.randomUUID());
        var held = new OrderId(UUID.randomUUID());
        store.append(EventStoreEssentialsIT.streamOf(passed), 0, Samples.newEvents(passed, 1)); // a placed only
        try (Connection blocker = pg.db().connect();
                Statement st = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            st.execute("SELECT pg_current_xact_id()"); // an open transaction older than the next append
            store.append(EventStoreEssentialsIT.streamOf(held), 0, Samples.newEvents(held, 2));
            Thread committer = Thread.ofVirtual().start(() -> {
                sleep(300);
                try {
                    blocker.commit();
                } catch (SQLException failed) {
                    throw new IllegalStateException(failed);
                }
            });
            EventLog.Page page = log.read(start, 100, EventFilter.events(OrderConfirmed.class));
            committer.join();
            assertThat(page.events())
                    .as("the confirmation held back for 300 ms behind an older transaction")
                    .extracting(r -> r.stream().id())
                    .contains(held.value());
        }
    }

    /**
     * A process frozen inside a transaction (SIGSTOP, a VM paused, a long GC) holds every reader of the log back, in
     * every process, until PostgreSQL ends its session (ADR 0055). Found by LeaseFencingIT: a replica stopped that way
     * held the log for 60 s, and a checkout placed on another replica timed out (its step is 30 s) and failed. The
     * frozen client here is a transaction of the adapters' own pool that got an xid and then sent nothing more.
     */
    @Test
    void aTransactionItsClientLeftOpenHoldsTheLogBackForLessThanACheckoutStep() throws Exception {
        LogPosition start = drainFrom(LogPosition.START, new ArrayList<>());
        try (var pool = Pools.pool(pg.db().config(), "frozen-client");
                Connection frozen = pool.getConnection();
                Statement st = frozen.createStatement()) {
            frozen.setAutoCommit(false);
            st.execute("SELECT pg_current_xact_id()"); // then the client sends nothing more
            var order = new OrderId(UUID.randomUUID());
            store.append(EventStoreEssentialsIT.streamOf(order), 0, Samples.newEvents(order, 1));
            long appended = System.nanoTime();
            readUntil(start, r -> r.stream().id().equals(order.value()), 1);
            Duration heldBack = Duration.ofNanos(System.nanoTime() - appended);
            assertThat(heldBack)
                    .as("how long a frozen client held the log back")
                    .isLessThan(CheckoutTimeouts.DEFAULT.step().dividedBy(2));
            assertThatThrownBy(() -> st.execute("SELECT 1"))
                    .as("PostgreSQL ended the frozen client's session")
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void theHoldbackNamesTheOldestOpenWritingTransaction() throws Exception {
        try (Connection c = pg.db().connect();
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            long xid;
            try (ResultSet rs = st.executeQuery("SELECT pg_current_xact_id()::text")) {
                rs.next();
                xid = Long.parseLong(rs.getString(1));
            }
            sleep(300);
            var holdback = pg.adapters().holdback();
            assertThat(holdback).isPresent();
            // on a shared server an older transaction may hold readers back instead of ours
            assertThat(holdback.get().age()).isGreaterThanOrEqualTo(Duration.ofMillis(250));
            assertThat(holdback.get().xid()).isLessThanOrEqualTo(xid);
            c.rollback();
        }
    }

    @Test
    void awaitEventsWakesOnAnAppendAndTimesOutWhenNothingComes() throws Exception {
        LogPosition start = drainFrom(LogPosition.START, new ArrayList<>());
        assertThat(log.awaitEvents(start, Duration.ofMillis(300))).isFalse();
        var order = new OrderId(UUID.randomUUID());
        Thread.ofVirtual().start(() -> {
            sleep(200);
            store.append(EventStoreEssentialsIT.streamOf(order), 0, Samples.newEvents(order, 1));
        });
        assertThat(log.awaitEvents(start, Duration.ofSeconds(30))).isTrue();
        assertThat(readUntil(start, r -> r.stream().id().equals(order.value()), 1))
                .hasSize(1);
    }

    /**
     * Gap torture: 16 writers; some transactions stay open for a second or more, some roll back, while a subscriber
     * reads the global log. Every committed event is read exactly once; nothing rolled back is ever read.
     */
    @Test
    void gapTortureSkipsNothingAndReadsNothingTwice() throws Exception {
        gapTorture(EventFilter.ALL);
    }

    /**
     * The same torture read through a filter that takes the confirmations only (a transaction of one event has none),
     * resuming after each page's end as a subscription does: every committed confirmation is read exactly once, and
     * the pages' ends pass over the rest without passing a transaction still open.
     */
    @Test
    void gapTortureThroughAFilterSkipsNothingItTakesAndReadsNothingTwice() throws Exception {
        gapTorture(EventFilter.events(OrderConfirmed.class));
    }

    private void gapTorture(EventFilter filter) throws Exception {
        LogPosition start = drainFrom(LogPosition.START, new ArrayList<>());
        int writers = 16;
        int appendsPerWriter = 30;
        Set<UUID> committed = ConcurrentHashMap.newKeySet();
        Set<UUID> rolledBack = ConcurrentHashMap.newKeySet();
        var done = new AtomicBoolean();
        var giveUpAt = new AtomicLong(Long.MAX_VALUE);
        var seen = new HashSet<UUID>();
        var duplicates = new AtomicLong();
        var maxHoldbackMillis = new AtomicLong();
        var read = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        try {
            Future<?> subscriber = pool.submit(() -> {
                LogPosition at = start;
                while (true) {
                    boolean finished = done.get();
                    EventLog.Page page = log.read(at, 100, filter);
                    List<RecordedEvent> batch = page.events();
                    for (RecordedEvent event : batch) {
                        if (!seen.add(event.eventId())) {
                            duplicates.incrementAndGet();
                        }
                        read.incrementAndGet();
                        long holdback = Duration.between(event.recordedAt(), Instant.now())
                                .toMillis();
                        maxHoldbackMillis.accumulateAndGet(holdback, Math::max);
                    }
                    boolean passedOver = page.end().isAfter(at);
                    at = page.end();
                    if (batch.isEmpty()) {
                        // Done only when everything committed is read, or long after the writers stopped.
                        if (finished
                                && (seen.containsAll(taken(committed, filter)) || System.nanoTime() > giveUpAt.get())) {
                            return null;
                        }
                        if (!passedOver) {
                            log.awaitEvents(at, Duration.ofMillis(300));
                        }
                    }
                }
            });
            var writes = new ArrayList<Future<?>>();
            for (int w = 0; w < writers; w++) {
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < appendsPerWriter; i++) {
                        writeOne(committed, rolledBack);
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
            giveUpAt.set(System.nanoTime() + Duration.ofSeconds(60).toNanos());
            done.set(true);
            subscriber.get();
        } finally {
            pool.shutdownNow();
        }
        // Events of earlier tests may show up too when another database's transaction held the drain back.
        seen.removeIf(id -> !committed.contains(id) && !rolledBack.contains(id));
        Set<UUID> expected = taken(committed, filter);
        Set<UUID> skipped = new HashSet<>(expected);
        skipped.removeAll(seen);
        System.out.printf(
                "gap torture (%s): events written %d, taken by the filter %d, rolled back %d, read %d, skipped %d,"
                        + " read twice %d, max holdback %d ms%n",
                filter,
                committed.size(),
                expected.size(),
                rolledBack.size(),
                read.get(),
                skipped.size(),
                duplicates.get(),
                maxHoldbackMillis.get());
        assertThat(committed).hasSizeGreaterThan(writers * appendsPerWriter / 2);
        assertThat(rolledBack).isNotEmpty();
        assertThat(skipped).isEmpty();
        assertThat(duplicates.get()).isZero();
        assertThat(seen).doesNotContainAnyElementsOf(rolledBack);
        assertThat(seen).hasSameSizeAs(expected);
        assertThat(maxHoldbackMillis.get()).isGreaterThanOrEqualTo(1_000);
    }

    private static void writeOne(Set<UUID> committed, Set<UUID> rolledBack) throws SQLException {
        var order = new OrderId(UUID.randomUUID());
        var events = Samples.newEvents(order, 1 + ThreadLocalRandom.current().nextInt(3));
        var request = new AppendRequest(EventStoreEssentialsIT.streamOf(order), 0, events, null);
        int dice = ThreadLocalRandom.current().nextInt(20);
        if (dice >= 2) {
            store.append(request.stream(), 0, events);
            events.forEach(e -> TYPES.put(e.eventId(), e.event().getClass()));
            events.forEach(e -> committed.add(e.eventId()));
            return;
        }
        try (Connection c = pg.db().connect()) {
            c.setAutoCommit(false);
            new AppendSql(pg.adapters().codec()).append(c, request);
            sleep(dice == 0 ? 1_000 + ThreadLocalRandom.current().nextInt(500) : 50);
            if (dice == 0) {
                events.forEach(e -> TYPES.put(e.eventId(), e.event().getClass()));
                c.commit();
                events.forEach(e -> committed.add(e.eventId()));
            } else {
                c.rollback();
                events.forEach(e -> rolledBack.add(e.eventId()));
            }
        }
    }

    /** The ids among {@code committed} of events that {@code filter} takes. */
    private static Set<UUID> taken(Set<UUID> committed, EventFilter filter) {
        var taken = new HashSet<UUID>();
        for (UUID id : committed) {
            Class<?> type = TYPES.get(id);
            if (filter.matches(OrderService.STREAM, type.getSimpleName())) {
                taken.add(id);
            }
        }
        return taken;
    }

    /** Reads from {@code start} until {@code wanted} events match, waiting out holdback by other transactions. */
    private static List<RecordedEvent> readUntil(
            LogPosition start, java.util.function.Predicate<RecordedEvent> match, int wanted) {
        var all = new ArrayList<RecordedEvent>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        LogPosition at = start;
        while (all.stream().filter(match).count() < wanted) {
            assertThat(System.nanoTime()).as("events readable within 60 s").isLessThan(deadline);
            List<RecordedEvent> batch = log.readAfter(at, 500);
            if (batch.isEmpty()) {
                sleep(50);
            } else {
                all.addAll(batch);
                at = batch.get(batch.size() - 1).position();
            }
        }
        return all;
    }

    private static LogPosition drainFrom(LogPosition from, List<RecordedEvent> into) {
        LogPosition at = from;
        List<RecordedEvent> batch;
        while (!(batch = log.readAfter(at, 500)).isEmpty()) {
            into.addAll(batch);
            at = batch.get(batch.size() - 1).position();
        }
        return at;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    static long countIn(TestDatabase database, String sql) throws SQLException {
        try (Connection c = database.connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
