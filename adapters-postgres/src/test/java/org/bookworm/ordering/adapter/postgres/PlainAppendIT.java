package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeyTaken;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.finance.CheckoutEvent;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.finance.SagaDeadlines;
import org.bookworm.ordering.core.ordering.FailureReason;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ADR 0053's plain append: a lone append in autocommit is one statement (its key claimed, its events inserted, its
 * saga's deadlines written or completed) guarded by the version check in the same statement, without the append
 * function and without the stream's lock; whenever that statement writes nothing or meets a unique violation, the function answers, so every
 * answer is the one it gave before (a conflict, a retry of an append that committed, ids stored elsewhere).
 */
class PlainAppendIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    static EventStore store;
    static AppendSql sql;
    final ExecutorService thread = Executors.newSingleThreadExecutor();

    @BeforeAll
    static void start() {
        store = pg.adapters().eventStore();
        sql = new AppendSql(pg.adapters().codec());
    }

    @AfterEach
    void stopThread() {
        thread.shutdownNow();
    }

    @Test
    void aLoneAppendWithoutAKeyDoesNotWaitForTheStreamsLock() throws Exception {
        OrderId order = new OrderId(UUID.randomUUID());
        try (Connection locker = pg.db().connect()) {
            lockStream(locker, stream(order)); // the lock the append function takes first
            Future<Long> append = thread.submit(() -> appendInAutocommit(order, 0, Samples.newEvents(order, 2)));
            assertThat(append.get(10, TimeUnit.SECONDS))
                    .as("written by the plain statement while another session holds the stream's lock")
                    .isEqualTo(2L);
        }
        assertThat(store.load(stream(order)).version()).isEqualTo(2);
        assertThat(EventLogEssentialsIT.countIn(
                        pg.db(),
                        "SELECT count(*) FROM (SELECT version, row_number() OVER (ORDER BY global_position) AS n"
                                + " FROM eventstore.events WHERE stream_id = '" + order.value() + "') AS e"
                                + " WHERE version = n"))
                .as("the log holds the events in their versions' order")
                .isEqualTo(2);
    }

    @Test
    void aLoneAppendWithAKeyClaimsItWithoutWaitingForTheStreamsLock() throws Exception {
        OrderId order = new OrderId(UUID.randomUUID());
        var key = IdempotencyRecord.done("plain-" + UUID.randomUUID(), "k", "h", Samples.KEY_STREAM, 1, Instant.now());
        try (Connection locker = pg.db().connect()) {
            lockStream(locker, stream(order));
            Future<Long> append =
                    thread.submit(() -> appendInAutocommit(stream(order), 0, Samples.newEvents(order, 1), key));
            assertThat(append.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
        }
        assertThat(pg.adapters().idempotencyKeys().find(key.scope(), key.key()))
                .hasValueSatisfying(stored -> assertThat(stored.answer()).isEqualTo(key.answer()));
    }

    @Test
    void aKeyTakenByAnotherRequestRefusesTheAppendAndWritesNothing() throws SQLException {
        OrderId first = new OrderId(UUID.randomUUID());
        OrderId second = new OrderId(UUID.randomUUID());
        String scope = "plain-" + UUID.randomUUID();
        var key = IdempotencyRecord.done(scope, "k", "h", Samples.KEY_STREAM, 1, Instant.now());
        appendInAutocommit(stream(first), 0, Samples.newEvents(first, 1), key);

        var other = IdempotencyRecord.done(scope, "k", "another request", Samples.KEY_STREAM, 1, Instant.now());
        assertThatThrownBy(() -> appendInAutocommit(stream(second), 0, Samples.newEvents(second, 1), other))
                .isInstanceOf(IdempotencyKeyTaken.class);
        assertThat(store.load(stream(second)).events()).isEmpty();
    }

    @Test
    void aSagaStepWritesItsDeadlineAndTheSagasEndCompletesThemWithoutWaitingForTheStreamsLock() throws Exception {
        OrderId order = new OrderId(UUID.randomUUID());
        StreamId checkout = StreamId.of(CheckoutSagaService.STREAM, order.value());
        Instant due = Instant.parse("2026-12-07T10:00:00.123456789Z");
        var requested = Samples.newEvent(
                new CheckoutEvent.CheckoutRequested(order, Samples.BUYER, PaymentMethod.APPROVE, due, Samples.AT));
        var confirmed = Samples.newEvent(new CheckoutEvent.CheckoutConfirmed(order, Samples.AT));
        try (Connection locker = pg.db().connect()) {
            lockStream(locker, checkout);
            Future<Long> first = thread.submit(() -> appendInAutocommit(checkout, 0, List.of(requested), null));
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
            assertThat(pg.adapters().sagaDeadlines().pending())
                    .filteredOn(d -> d.order().equals(order))
                    .containsExactly(new SagaDeadlines.Deadline(order, 0, due));

            Future<Long> end = thread.submit(() -> appendInAutocommit(checkout, 1, List.of(confirmed), null));
            assertThat(end.get(10, TimeUnit.SECONDS)).isEqualTo(2L);
        }
        assertThat(pg.adapters().sagaDeadlines().pending())
                .noneMatch(d -> d.order().equals(order));
    }

    @Test
    void aSagasStepsAndItsEndInOneAppendWriteNoDeadlineOfThoseStepsWithoutWaitingForTheStreamsLock() throws Exception {
        // ADR 0060: a checkout's steps drafted and appended with the event that ends the wait
        OrderId order = new OrderId(UUID.randomUUID());
        StreamId checkout = StreamId.of(CheckoutSagaService.STREAM, order.value());
        Instant due = Instant.parse("2026-12-08T10:00:00Z");
        Money total = Money.of("25.00", "USD");
        var lines = List.of(new LineQuantity(Samples.BOOK, Quantity.of(1)));
        appendInAutocommit(
                checkout,
                0,
                List.of(Samples.newEvent(new CheckoutEvent.CheckoutRequested(
                        order, Samples.BUYER, PaymentMethod.APPROVE, due, Samples.AT))),
                null);
        List<NewEvent> steps = List.of(
                Samples.newEvent(new CheckoutEvent.CheckoutStarted(order, lines, total, Samples.AT)),
                Samples.newEvent(new CheckoutEvent.ReservationRequested(order, 1, 1, lines, due, Samples.AT)),
                Samples.newEvent(new CheckoutEvent.ItemsReserved(order, Samples.AT)),
                Samples.newEvent(
                        new CheckoutEvent.PaymentRequested(order, 1, 2, total, PaymentMethod.APPROVE, due, Samples.AT)),
                Samples.newEvent(new CheckoutEvent.PaymentApproved(order, Samples.AT)),
                Samples.newEvent(new CheckoutEvent.CheckoutConfirmed(order, Samples.AT)));
        try (Connection locker = pg.db().connect()) {
            lockStream(locker, checkout);
            Future<Long> appended = thread.submit(() -> appendInAutocommit(checkout, 1, steps, null));
            assertThat(appended.get(10, TimeUnit.SECONDS)).isEqualTo(7L);
        }
        assertThat(pg.adapters().sagaDeadlines().pending())
                .noneMatch(d -> d.order().equals(order));
        try (Connection c = pg.db().connect()) {
            assertThat(Jdbc.query(
                            c,
                            "SELECT step FROM finance.saga_deadlines WHERE order_id = ? ORDER BY step",
                            ps -> ps.setObject(1, order.value()),
                            rs -> rs.getInt(1)))
                    .as("the placement's deadline, completed; none for the steps that ended in the same append")
                    .containsExactly(0);
        }
    }

    @Test
    void aSagaStepThatConflictsWritesNoDeadlineAndCompletesNone() throws SQLException {
        OrderId order = new OrderId(UUID.randomUUID());
        StreamId checkout = StreamId.of(CheckoutSagaService.STREAM, order.value());
        Instant due = Instant.parse("2026-12-07T10:00:00Z");
        appendInAutocommit(
                checkout,
                0,
                List.of(Samples.newEvent(new CheckoutEvent.CheckoutRequested(
                        order, Samples.BUYER, PaymentMethod.APPROVE, due, Samples.AT))),
                null);
        var late = Samples.newEvent(new CheckoutEvent.PaymentRequested(
                order, 1, 3, Money.of("25.00", "USD"), PaymentMethod.APPROVE, due.plusSeconds(60), Samples.AT));
        var ending = Samples.newEvent(new CheckoutEvent.CheckoutFailed(order, FailureReason.OUT_OF_STOCK, Samples.AT));

        assertThatThrownBy(() -> appendInAutocommit(checkout, 0, List.of(late), null))
                .isInstanceOf(ConcurrencyConflict.class);
        assertThatThrownBy(() -> appendInAutocommit(checkout, 0, List.of(ending), null))
                .isInstanceOf(ConcurrencyConflict.class);
        assertThat(pg.adapters().sagaDeadlines().pending())
                .filteredOn(d -> d.order().equals(order))
                .containsExactly(new SagaDeadlines.Deadline(order, 0, due));
    }

    @Test
    void aRetryOfAnAppendThatCommittedIsAnsweredLikeTheFirst() throws SQLException {
        OrderId order = new OrderId(UUID.randomUUID());
        List<NewEvent> events = Samples.newEvents(order, 2);
        assertThat(appendInAutocommit(order, 0, events)).isEqualTo(2L);

        assertThat(appendInAutocommit(order, 0, events)).isEqualTo(2L);
        assertThat(store.load(stream(order)).version()).isEqualTo(2);
    }

    @Test
    void aStreamPastTheExpectedVersionIsAConflictAndIdsStoredElsewhereAreRefused() throws SQLException {
        OrderId order = new OrderId(UUID.randomUUID());
        OrderId other = new OrderId(UUID.randomUUID());
        List<NewEvent> events = Samples.newEvents(order, 1);
        appendInAutocommit(order, 0, events);

        assertThatThrownBy(() -> appendInAutocommit(order, 0, Samples.newEvents(order, 1)))
                .isInstanceOf(ConcurrencyConflict.class);
        assertThatThrownBy(() -> appendInAutocommit(other, 0, events))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("stored before at other places");
        assertThat(store.load(stream(other)).events()).isEmpty();
    }

    @Test
    void anAppendThatMeetsAnotherWritersUncommittedVersionWaitsAndIsAConflictOnceItCommits() throws Exception {
        OrderId order = new OrderId(UUID.randomUUID());
        try (Connection holder = pg.db().connect()) {
            holder.setAutoCommit(false);
            sql.append(holder, new AppendRequest(stream(order), 0, Samples.newEvents(order, 1), null));
            Future<Object> racer = thread.submit(() -> answerOf(order, Samples.newEvents(order, 1)));
            pg.untilASessionWaitsForALock();
            holder.commit();
            assertThat(racer.get(10, TimeUnit.SECONDS)).isInstanceOf(ConcurrencyConflict.class);
        }
        assertThat(store.load(stream(order)).version()).isEqualTo(1);
    }

    @Test
    void aRetryThatMeetsItsOwnFirstAttemptStillUncommittedIsAnsweredLikeTheFirstOnceItCommits() throws Exception {
        OrderId order = new OrderId(UUID.randomUUID());
        List<NewEvent> events = Samples.newEvents(order, 2);
        try (Connection first = pg.db().connect()) {
            first.setAutoCommit(false);
            sql.append(first, new AppendRequest(stream(order), 0, events, null));
            Future<Object> retry = thread.submit(() -> answerOf(order, events));
            pg.untilASessionWaitsForALock();
            first.commit();
            assertThat(retry.get(10, TimeUnit.SECONDS)).isEqualTo(2L);
        }
        assertThat(store.load(stream(order)).version()).isEqualTo(2);
    }

    @Test
    void anAppendThatMeetsAnotherWritersVersionRolledBackIsWritten() throws Exception {
        OrderId order = new OrderId(UUID.randomUUID());
        List<NewEvent> mine = Samples.newEvents(order, 1);
        try (Connection holder = pg.db().connect()) {
            holder.setAutoCommit(false);
            sql.append(holder, new AppendRequest(stream(order), 0, Samples.newEvents(order, 1), null));
            Future<Object> racer = thread.submit(() -> answerOf(order, mine));
            pg.untilASessionWaitsForALock();
            holder.rollback();
            assertThat(racer.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
        }
        assertThat(store.load(stream(order)).events().get(0).eventId())
                .isEqualTo(mine.get(0).eventId());
    }

    private static long appendInAutocommit(OrderId order, long expected, List<NewEvent> events) throws SQLException {
        return appendInAutocommit(stream(order), expected, events, null);
    }

    private static long appendInAutocommit(
            StreamId stream, long expected, List<NewEvent> events, @Nullable IdempotencyRecord key)
            throws SQLException {
        try (Connection c = pg.db().connect()) {
            return sql.append(c, new AppendRequest(stream, expected, events, key));
        }
    }

    private static Object answerOf(OrderId order, List<NewEvent> events) throws SQLException {
        try {
            return appendInAutocommit(order, 0, events);
        } catch (ConcurrencyConflict conflict) {
            return conflict;
        }
    }

    private static void lockStream(Connection locker, StreamId stream) throws SQLException {
        try (Statement st = locker.createStatement()) {
            st.execute("SELECT pg_advisory_lock(hashtextextended('"
                    + stream.type().prefix() + "-" + stream.id() + "', 14))");
        }
    }

    private static StreamId stream(OrderId order) {
        return EventStoreEssentialsIT.streamOf(order);
    }
}
