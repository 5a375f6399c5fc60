package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.testing.Property;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The oracle for {@code eventstore.append_batch}: a batch must answer and write exactly what the same appends would,
 * made one at a time in order. Two databases get the same history; one takes the batch in one call, the other the
 * appends one by one; answers, streams and claimed keys must agree. Batches mix stale, exact and future versions,
 * retries of stored appends, empty appends, fresh, shared and already taken keys, and both distinct streams (the
 * set-based path) and repeated ones (the one-at-a-time path).
 */
class AppendBatchEquivalenceIT {
    private static final int STREAMS = 6;

    @RegisterExtension
    static final PostgresTestDatabase batchPostgres = new PostgresTestDatabase();

    @RegisterExtension
    static final PostgresTestDatabase singlePostgres = new PostgresTestDatabase();

    static AppendSql sql;
    static Connection batchConnection;
    static Connection singleConnection;

    record Scenario(List<OrderId> streams, List<AppendRequest> history, List<AppendRequest> batch) {}

    @BeforeAll
    static void start() {
        sql = new AppendSql(batchPostgres.adapters().codec());
        try {
            batchConnection = batchPostgres.db().connect();
            singleConnection = singlePostgres.db().connect();
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        batchConnection.close();
        singleConnection.close();
    }

    @Test
    void aBatchAnswersAndWritesExactlyWhatTheSameAppendsWouldOneByOne() {
        Property.check("batch = appends one by one", 150, AppendBatchEquivalenceIT::scenario, scenario -> {
            for (AppendRequest past : scenario.history()) {
                appendOne(batchConnection, past);
                appendOne(singleConnection, past);
            }
            List<Object> batched = sql.appendAll(batchConnection, scenario.batch());
            var single = new ArrayList<@Nullable Object>();
            for (AppendRequest request : scenario.batch()) {
                single.add(appendOne(singleConnection, request));
            }
            assertThat(batched).hasSameSizeAs(single);
            for (int i = 0; i < single.size(); i++) {
                assertThat(describe(batched.get(i))).as("answer " + i).isEqualTo(describe(single.get(i)));
            }
            for (OrderId stream : scenario.streams()) {
                assertThat(stored(batchPostgres.adapters(), stream))
                        .as("stream " + stream)
                        .isEqualTo(stored(singlePostgres.adapters(), stream));
            }
            String keys = "SELECT count(*) FROM eventstore.idempotency WHERE scope = '"
                    + scenario.streams().get(0).value() + "'";
            assertThat(EventLogEssentialsIT.countIn(batchPostgres.db(), keys))
                    .isEqualTo(EventLogEssentialsIT.countIn(singlePostgres.db(), keys));
        });
    }

    /** The answer, or the refusal's class: what the caller sees. */
    private static @Nullable Object appendOne(Connection c, AppendRequest request) throws SQLException {
        try {
            return sql.append(c, request);
        } catch (RuntimeException refused) {
            return refused;
        }
    }

    private static String describe(@Nullable Object answer) {
        return answer instanceof RuntimeException refused ? refused.getClass().getSimpleName() : String.valueOf(answer);
    }

    private static List<String> stored(PostgresAdapters pg, OrderId stream) {
        return pg.eventStore().load(EventStoreEssentialsIT.streamOf(stream)).events().stream()
                .map(RecordedEvent::eventId)
                .map(UUID::toString)
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
        for (int s = 0; s < STREAMS; s++) {
            int count = random.nextInt(3);
            if (count > 0) {
                IdempotencyRecord key = s == 0 ? key(scope, "taken") : null;
                history.add(new AppendRequest(stream(streams.get(s)), 0, events(random, streams.get(s), count), key));
                versions[s] = count;
            }
        }
        boolean distinct = random.nextBoolean();
        int size = 1 + random.nextInt(distinct ? STREAMS : 8);
        var batch = new ArrayList<AppendRequest>();
        for (int i = 0; i < size; i++) {
            if (!history.isEmpty() && random.nextInt(8) == 0 && !distinct) {
                batch.add(history.get(random.nextInt(history.size())));
                continue;
            }
            int s = distinct ? i : random.nextInt(STREAMS);
            int expected = Math.max(0, versions[s] + random.nextInt(4) - 1);
            if (random.nextInt(3) > 0) {
                expected = versions[s];
            }
            int count = random.nextInt(4);
            IdempotencyRecord key = switch (random.nextInt(6)) {
                case 0 -> key(scope, "taken");
                case 1 -> key(scope, "shared");
                case 2 -> key(scope, "own-" + i);
                default -> null;
            };
            batch.add(new AppendRequest(stream(streams.get(s)), expected, events(random, streams.get(s), count), key));
            if (expected == versions[s]) {
                versions[s] += count;
            }
        }
        return new Scenario(streams, history, batch);
    }

    private static IdempotencyRecord key(String scope, String key) {
        return IdempotencyRecord.done(scope, key, "h", Samples.KEY_STREAM, 1, Instant.parse("2026-11-24T20:00:00Z"));
    }

    private static List<NewEvent> events(SplittableRandom random, OrderId order, int count) {
        var events = new ArrayList<NewEvent>();
        for (int i = 0; i < count; i++) {
            var event =
                    i == 0 ? (OrderEvent) Samples.placed(order) : Samples.confirmed(order, Samples.AT.plusSeconds(i));
            events.add(new NewEvent(new UUID(random.nextLong(), random.nextLong() | 1), event, Samples.metadata()));
        }
        return events;
    }

    private static org.bookworm.ordering.core.eventsourcing.StreamId stream(OrderId order) {
        return EventStoreEssentialsIT.streamOf(order);
    }
}
