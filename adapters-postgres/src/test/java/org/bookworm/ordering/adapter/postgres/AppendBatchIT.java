package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeyTaken;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code eventstore.append_batch} (migrations V3, V10): many appends in one call, each answered on its own, a refusal
 * leaving nothing behind; a call that meets another's uncommitted append to one of its streams waits for it and
 * answers that append alone "conflict" (V10's stream locks); a writer around the function that races past the check
 * fails the call as a whole, which the group committer turns back into one answer per caller.
 */
class AppendBatchIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    static EventStore store;
    static AppendSql sql;

    @BeforeAll
    static void start() {
        store = pg.adapters().eventStore();
        sql = new AppendSql(pg.adapters().codec());
    }

    @Test
    void oneCallAnswersEveryAppendInItsOrderAndARefusalWritesNothing() throws SQLException {
        OrderId a = new OrderId(UUID.randomUUID());
        OrderId b = new OrderId(UUID.randomUUID());
        OrderId c = new OrderId(UUID.randomUUID());
        OrderId d = new OrderId(UUID.randomUUID());
        List<NewEvent> first = Samples.newEvents(a, 2);
        var key = IdempotencyRecord.done("batch-" + UUID.randomUUID(), "k", "h", Samples.KEY_STREAM, 1, Instant.now());
        List<AppendRequest> requests = List.of(
                new AppendRequest(stream(a), 0, first, null),
                new AppendRequest(stream(a), 2, Samples.newEvents(a, 3).subList(2, 3), null),
                new AppendRequest(stream(b), 5, Samples.newEvents(b, 1), null),
                new AppendRequest(stream(c), 0, Samples.newEvents(c, 1), key),
                new AppendRequest(stream(d), 0, Samples.newEvents(d, 1), key),
                new AppendRequest(stream(a), 0, first, null));

        List<Object> answers;
        try (Connection conn = pg.db().connect()) {
            answers = sql.appendAll(conn, requests);
        }

        assertThat(answers.get(0)).isEqualTo(2L);
        assertThat(answers.get(1)).isEqualTo(3L);
        assertThat(answers.get(2)).isInstanceOf(ConcurrencyConflict.class);
        assertThat(answers.get(3)).isEqualTo(1L);
        assertThat(answers.get(4)).isInstanceOf(IdempotencyKeyTaken.class);
        assertThat(answers.get(5))
                .as("the same ids again: a retry, answered like the first")
                .isEqualTo(2L);
        assertThat(store.load(stream(a)).version()).isEqualTo(3);
        assertThat(store.load(stream(b)).events()).isEmpty();
        assertThat(store.load(stream(c)).version()).isEqualTo(1);
        assertThat(store.load(stream(d)).events()).isEmpty();
        assertThat(EventLogEssentialsIT.countIn(
                        pg.db(),
                        "SELECT count(DISTINCT tx_id::text) FROM eventstore.events WHERE stream_id IN ('" + a.value()
                                + "', '" + c.value() + "')"))
                .as("one call, one transaction")
                .isEqualTo(1);
    }

    @Test
    void aLoneAppendWithEventsIsWrittenOnItsOwnPathAndEverythingElseIsStillAnsweredOneAtATime() throws SQLException {
        OrderId fresh = new OrderId(UUID.randomUUID());
        OrderId keyed = new OrderId(UUID.randomUUID());
        var key = IdempotencyRecord.done("lone-" + UUID.randomUUID(), "k", "h", Samples.KEY_STREAM, 1, Instant.now());
        try (Connection conn = pg.db().connect()) {
            conn.setAutoCommit(false);
            try (Statement st = conn.createStatement()) {
                st.execute("SET LOCAL track_functions = 'all'"); // counts this transaction's calls of each function
            }

            assertThat(sql.append(conn, new AppendRequest(stream(fresh), 0, Samples.newEvents(fresh, 2), null)))
                    .isEqualTo(2L);
            assertThat(sql.append(conn, new AppendRequest(stream(keyed), 0, Samples.newEvents(keyed, 1), key)))
                    .isEqualTo(1L);
            assertThat(callsOfAppendEach(conn))
                    .as("lone appends at their expected version, with and without a key (V19)")
                    .isZero();

            List<NewEvent> late = Samples.newEvents(fresh, 3).subList(2, 3);
            assertThatThrownBy(() -> sql.append(conn, new AppendRequest(stream(fresh), 1, late, null)))
                    .isInstanceOf(ConcurrencyConflict.class);
            assertThat(callsOfAppendEach(conn))
                    .as("a stream not at the expected version is answered by the one-at-a-time function")
                    .isEqualTo(1);
            conn.rollback();
        }
    }

    private static long callsOfAppendEach(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions"
                        + " WHERE schemaname = 'eventstore' AND funcname = 'append_each'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aCallThatMeetsAnUncommittedAppendToItsStreamWaitsAndAnswersConflictForThatAppendAlone() throws Exception {
        OrderId raced = new OrderId(UUID.randomUUID());
        OrderId bystander = new OrderId(UUID.randomUUID());
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Connection holder = pg.db().connect()) {
            holder.setAutoCommit(false);
            sql.append(holder, new AppendRequest(stream(raced), 0, Samples.newEvents(raced, 1), null));
            Future<List<Object>> call = thread.submit(() -> racingCall(raced, bystander));
            pg.untilASessionWaitsForALock();
            holder.commit();
            List<Object> answers = call.get();
            assertThat(answers.get(0)).as("the bystander's append").isEqualTo(1L);
            assertThat(answers.get(1)).as("the raced append").isInstanceOf(ConcurrencyConflict.class);
        } finally {
            thread.shutdownNow();
        }
        assertThat(store.load(stream(bystander)).version()).isEqualTo(1);
        assertThat(store.load(stream(raced)).version()).isEqualTo(1);
    }

    @Test
    void aWriterAroundTheFunctionThatTakesAVersionAfterTheCheckFailsTheWholeCallAndNothingOfItIsKept()
            throws Exception {
        OrderId raced = new OrderId(UUID.randomUUID());
        OrderId bystander = new OrderId(UUID.randomUUID());
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try (Connection holder = pg.db().connect()) {
            holder.setAutoCommit(false);
            insertAroundTheFunction(holder, raced);
            Future<List<Object>> call = thread.submit(() -> racingCall(raced, bystander));
            pg.untilASessionWaitsForALock();
            holder.commit();
            assertThatThrownBy(call::get)
                    .as("the version constraint, not the stream lock, has the last word")
                    .cause()
                    .isInstanceOfSatisfying(
                            SQLException.class,
                            error -> assertThat(SqlErrors.versionConflict(error, stream(raced), 0))
                                    .isNotNull());
        } finally {
            thread.shutdownNow();
        }
        assertThat(store.load(stream(bystander)).events()).isEmpty();
        assertThat(EventLogEssentialsIT.countIn(
                        pg.db(), "SELECT count(*) FROM eventstore.events WHERE stream_id = '" + raced.value() + "'"))
                .isEqualTo(1);
    }

    private static List<Object> racingCall(OrderId raced, OrderId bystander) throws SQLException {
        try (Connection conn = pg.db().connect()) {
            return sql.appendAll(
                    conn,
                    List.of(
                            new AppendRequest(stream(bystander), 0, Samples.newEvents(bystander, 1), null),
                            new AppendRequest(stream(raced), 0, Samples.newEvents(raced, 1), null)));
        }
    }

    /** Version 1 of the order's stream, written by a plain INSERT that takes no stream lock. */
    private static void insertAroundTheFunction(Connection holder, OrderId order) throws SQLException {
        try (var ps = holder.prepareStatement(
                "INSERT INTO eventstore.events (stream_type, stream_id, version, event_id,"
                        + " type, schema_version, data, metadata) VALUES (?, ?, 1, ?, 'OrderTeleported', 1, '{}', '{}')")) {
            ps.setString(1, stream(order).type().prefix());
            ps.setObject(2, order.value());
            ps.setObject(3, UUID.randomUUID());
            ps.executeUpdate();
        }
    }

    @Test
    void throughTheStoreEachCallerOfARacedBatchStillGetsItsOwnAnswer() throws Exception {
        OrderId raced = new OrderId(UUID.randomUUID());
        OrderId bystander = new OrderId(UUID.randomUUID());
        try (Connection holder = pg.db().connect()) {
            holder.setAutoCommit(false);
            sql.append(holder, new AppendRequest(stream(raced), 0, Samples.newEvents(raced, 1), null));
            CompletableFuture<Object> racer = appendLater(raced);
            CompletableFuture<Object> other = appendLater(bystander);
            pg.untilASessionWaitsForALock();
            holder.commit();
            assertThat(racer.get()).isInstanceOf(ConcurrencyConflict.class);
            assertThat(other.get()).isEqualTo(1L);
        }
        assertThat(store.load(stream(bystander)).version()).isEqualTo(1);
        assertThat(store.load(stream(raced)).version()).isEqualTo(1);
    }

    private static CompletableFuture<Object> appendLater(OrderId order) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return store.append(stream(order), 0, Samples.newEvents(order, 1));
            } catch (ConcurrencyConflict conflict) {
                return conflict;
            }
        });
    }

    private static StreamId stream(OrderId order) {
        return EventStoreEssentialsIT.streamOf(order);
    }
}
