package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.finance.CheckoutEvent;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.testing.Property;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The oracle for the COPY path (ADR 0042): an append written by {@link CopyAppend} must answer and write exactly what
 * the same append does through {@code eventstore.append_batch}. Two databases get the same history; then each append
 * of a seeded sequence goes by COPY into one and through the function into the other, and answers, streams (ids,
 * versions, payloads, metadata), claimed keys and saga deadlines must agree. Appends mix stale, exact and future
 * versions, retries of stored appends, event ids stored elsewhere or repeated within the append, fresh, shared and
 * already taken keys, empty appends and events that request a saga deadline.
 */
class CopyAppendEquivalenceIT {
    private static final int STREAMS = 4;

    static TestDatabase copyDb;
    static TestDatabase functionDb;
    static PostgresAdapters copyPg;
    static PostgresAdapters functionPg;
    static AppendSql sql;
    static CopyAppend copy;
    static Connection copyConnection;
    static Connection functionConnection;

    record Scenario(List<OrderId> streams, List<AppendRequest> history, List<AppendRequest> appends) {}

    @BeforeAll
    static void start() {
        copyDb = TestDatabase.create();
        functionDb = TestDatabase.create();
        copyPg = PostgresAdapters.start(copyDb.config());
        functionPg = PostgresAdapters.start(functionDb.config());
        sql = new AppendSql(copyPg.codec());
        copy = new CopyAppend(copyPg.codec());
        try {
            copyConnection = copyDb.connect();
            functionConnection = functionDb.connect();
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        copyConnection.close();
        functionConnection.close();
        copyPg.close();
        functionPg.close();
        copyDb.close();
        functionDb.close();
    }

    @Test
    void anAppendByCopyAnswersAndWritesExactlyWhatTheFunctionWould() {
        Property.check("COPY append = function append", 150, CopyAppendEquivalenceIT::scenario, scenario -> {
            for (AppendRequest past : scenario.history()) {
                sql.append(copyConnection, past);
                sql.append(functionConnection, past);
            }
            for (int i = 0; i < scenario.appends().size(); i++) {
                AppendRequest request = scenario.appends().get(i);
                String byCopy = describe(byCopy(request));
                String byFunction = describe(byFunction(request));
                assertThat(byCopy).as("answer " + i).isEqualTo(byFunction);
            }
            for (OrderId stream : scenario.streams()) {
                assertThat(stored(copyPg, stream)).as("stream " + stream).isEqualTo(stored(functionPg, stream));
            }
            String scope = scenario.streams().get(0).value().toString();
            String keys = "SELECT count(*) FROM eventstore.idempotency WHERE scope = '" + scope + "'";
            assertThat(EventLogEssentialsIT.countIn(copyDb, keys))
                    .isEqualTo(EventLogEssentialsIT.countIn(functionDb, keys));
            var deadlines = new StringBuilder("SELECT count(*) FROM finance.saga_deadlines WHERE order_id IN (");
            for (int s = 0; s < STREAMS; s++) {
                deadlines
                        .append(s == 0 ? "'" : ", '")
                        .append(scenario.streams().get(s).value())
                        .append("'");
            }
            deadlines.append(")");
            assertThat(EventLogEssentialsIT.countIn(copyDb, deadlines.toString()))
                    .isEqualTo(EventLogEssentialsIT.countIn(functionDb, deadlines.toString()));
            assertThat(copyConnection.getAutoCommit()).as("left in autocommit").isTrue();
        });
    }

    private static @Nullable Object byCopy(AppendRequest request) throws SQLException {
        try {
            return copy.append(copyConnection, request);
        } catch (RuntimeException refused) {
            return refused;
        }
    }

    private static @Nullable Object byFunction(AppendRequest request) throws SQLException {
        try {
            return sql.append(functionConnection, request);
        } catch (RuntimeException refused) {
            return refused;
        }
    }

    private static String describe(@Nullable Object answer) {
        return answer instanceof RuntimeException refused ? refused.getClass().getSimpleName() : String.valueOf(answer);
    }

    private static List<String> stored(PostgresAdapters pg, OrderId stream) {
        return pg.eventStore().load(EventStoreEssentialsIT.streamOf(stream)).events().stream()
                .map(e -> e.version() + " " + e.eventId() + " " + e.event() + " " + e.metadata())
                .toList();
    }

    static Scenario scenario(SplittableRandom random) {
        var streams = new ArrayList<OrderId>();
        for (int i = 0; i < STREAMS; i++) {
            streams.add(new OrderId(new UUID(random.nextLong(), random.nextLong() | 1)));
        }
        String scope = streams.get(0).value().toString();
        int[] versions = new int[STREAMS];
        var history = new ArrayList<AppendRequest>();
        var storedIds = new ArrayList<UUID>();
        for (int s = 0; s < STREAMS; s++) {
            int count = random.nextInt(3);
            if (count > 0) {
                IdempotencyRecord key = s == 0 ? key(scope, "taken") : null;
                var request = new AppendRequest(
                        stream(streams.get(s)), 0, events(random, streams.get(s), count, storedIds), key);
                history.add(request);
                versions[s] = count;
            }
        }
        var appends = new ArrayList<AppendRequest>();
        int size = 1 + random.nextInt(6);
        for (int i = 0; i < size; i++) {
            if (!history.isEmpty() && random.nextInt(6) == 0) {
                appends.add(history.get(random.nextInt(history.size()))); // a retry of a stored append
                continue;
            }
            int s = random.nextInt(STREAMS);
            int expected = random.nextInt(3) > 0 ? versions[s] : Math.max(0, versions[s] + random.nextInt(4) - 1);
            int count = random.nextInt(5) == 0 ? random.nextInt(3) : 1 + random.nextInt(14);
            List<NewEvent> events = events(random, streams.get(s), count, storedIds);
            if (count > 0 && random.nextInt(10) == 0) {
                // an event id stored elsewhere, or repeated within this append
                var changed = new ArrayList<>(events);
                int at = random.nextInt(count);
                UUID taken = at > 0 && random.nextBoolean()
                        ? events.get(0).eventId()
                        : storedIds.get(random.nextInt(storedIds.size()));
                changed.set(
                        at,
                        new NewEvent(
                                taken, events.get(at).event(), events.get(at).metadata()));
                events = changed;
            }
            IdempotencyRecord key = switch (random.nextInt(6)) {
                case 0 -> key(scope, "taken");
                case 1 -> key(scope, "shared");
                case 2 -> key(scope, "own-" + i);
                default -> null;
            };
            appends.add(new AppendRequest(stream(streams.get(s)), expected, events, key));
            if (expected == versions[s]) {
                versions[s] += count; // what the oracle's generator expects; the stores decide what really happens
            }
        }
        return new Scenario(streams, history, appends);
    }

    private static IdempotencyRecord key(String scope, String key) {
        return IdempotencyRecord.done(scope, key, "h", Samples.KEY_STREAM, 1, Instant.parse("2026-11-24T20:00:00Z"));
    }

    private static List<NewEvent> events(SplittableRandom random, OrderId order, int count, List<UUID> ids) {
        var events = new ArrayList<NewEvent>();
        var metadata = Samples.metadata();
        for (int i = 0; i < count; i++) {
            DomainEvent event = switch (i == 0 ? 0 : 1 + random.nextInt(6)) {
                case 0 -> Samples.placed(order);
                case 1 ->
                    new CheckoutEvent.CheckoutRequested(
                            order, Samples.BUYER, PaymentMethod.APPROVE, Samples.AT.plusSeconds(30 + i), Samples.AT);
                default -> Samples.confirmed(order, Samples.AT.plusSeconds(i));
            };
            if (random.nextInt(4) == 0) {
                metadata = Samples.metadata(); // a new decision's metadata within the append
            }
            UUID id = new UUID(random.nextLong(), random.nextLong() | 1);
            ids.add(id);
            events.add(new NewEvent(id, event, metadata));
        }
        return events;
    }

    private static org.bookworm.ordering.core.eventsourcing.StreamId stream(OrderId order) {
        return EventStoreEssentialsIT.streamOf(order);
    }
}
