package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How {@code eventstore.idempotency} keeps a request id (migration V9, ADR 0027): a stored outcome is typed columns
 * written by the append from its own stream and version, never a text to parse back; a claim answers what holds the
 * key in the one statement that tries to take it.
 */
class IdempotencyRowsIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    @Test
    void an_outcome_is_stored_as_the_stream_and_version_of_its_append() throws Exception {
        var order = new OrderId(UUID.randomUUID());
        StreamId stream = OrderService.stream(order);
        var record = IdempotencyRecord.done("buyer-typed", "req-1", "hash", stream, 1, T0);

        pg.adapters().eventStore().append(stream, 0, Samples.newEvents(order, 1), record);

        try (Connection c = pg.adapters().dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT outcome_stream_type, outcome_stream_id, outcome_version"
                        + " FROM eventstore.idempotency WHERE scope = 'buyer-typed' AND key = 'req-1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("order");
            assertThat(rs.getObject(2, UUID.class)).isEqualTo(stream.id());
            assertThat(rs.getLong(3)).isEqualTo(1);
        }
        assertThat(pg.adapters().idempotencyKeys().find("buyer-typed", "req-1")).contains(record);
    }

    @Test
    void a_claim_of_a_key_already_done_answers_its_outcome_in_one_statement() {
        var order = new OrderId(UUID.randomUUID());
        StreamId stream = OrderService.stream(order);
        var done = IdempotencyRecord.done("buyer-once", "req-1", "hash", stream, 1, T0);
        pg.adapters().eventStore().append(stream, 0, Samples.newEvents(order, 1), done);
        var statements = new AtomicInteger();
        try (var owner = new ClaimOwnerLock(pg.db().config())) {
            var keys = new PostgresIdempotencyKeys(counting(pg.adapters().dataSource(), statements), owner);

            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            var retry = IdempotencyRecord.inFlight("buyer-once", "req-1", "hash", now, now.plus(Duration.ofMinutes(1)));

            assertThat(keys.claim(retry)).contains(done);
            assertThat(statements)
                    .as("statements sent to the pool to claim a key held by an outcome (the owner lock has its own)")
                    .hasValue(1);
        }
    }

    /** The data source, counting the statements prepared on its connections. */
    private static DataSource counting(DataSource dataSource, AtomicInteger statements) {
        return (DataSource) Proxy.newProxyInstance(
                IdempotencyRowsIT.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object answer = invoke(dataSource, method, args);
                    return answer instanceof Connection c ? countingConnection(c, statements) : answer;
                });
    }

    private static Connection countingConnection(Connection connection, AtomicInteger statements) {
        return (Connection) Proxy.newProxyInstance(
                IdempotencyRowsIT.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare")
                            || method.getName().equals("createStatement")) {
                        statements.incrementAndGet();
                    }
                    return invoke(connection, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException failed) {
            throw failed.getCause();
        }
    }
}
