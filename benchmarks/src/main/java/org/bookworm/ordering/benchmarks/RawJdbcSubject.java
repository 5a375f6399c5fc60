package org.bookworm.ordering.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.ordering.OrderEvent;

/**
 * The floor: what a careful hand-written JDBC store costs at minimum. One plain multi-row INSERT into a minimal table
 * with UNIQUE(stream, version) per append, one transaction per append, reads by a bigserial position. Its reader
 * trusts the sequence order, so it may skip an event whose transaction commits after a later position is read: the
 * gap-torture workload counts exactly that.
 */
final class RawJdbcSubject implements Subject<Long> {
    static final String NAME = "raw-jdbc";
    private static final Duration POLL = Duration.ofMillis(5);
    private final HikariDataSource pool;

    RawJdbcSubject(String url, int connections) {
        this.pool = Pg.pool(url, connections, NAME);
        try (var connection = pool.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS events ("
                    + "position bigserial PRIMARY KEY, stream uuid NOT NULL, version bigint NOT NULL,"
                    + " type text NOT NULL, payload bytea NOT NULL, UNIQUE (stream, version))");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the raw events table", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void append(UUID stream, long expectedVersion, List<OrderEvent> events) {
        var sql = new StringBuilder("INSERT INTO events (stream, version, type, payload) VALUES ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
        }
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (var insert = connection.prepareStatement(sql.toString())) {
                int parameter = 1;
                for (int i = 0; i < events.size(); i++) {
                    insert.setObject(parameter++, stream);
                    insert.setLong(parameter++, expectedVersion + i + 1);
                    insert.setString(parameter++, Json.typeOf(events.get(i)));
                    insert.setBytes(parameter++, Json.encode(events.get(i)));
                }
                insert.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                if ("23505".equals(e.getSQLState())) {
                    throw new Conflict("stream " + stream + " moved past " + expectedVersion, e);
                }
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("raw append failed", e);
        }
    }

    @Override
    public List<OrderEvent> load(UUID stream) {
        try (var connection = pool.getConnection();
                var select = connection.prepareStatement(
                        "SELECT type, payload FROM events WHERE stream = ? ORDER BY version")) {
            select.setObject(1, stream);
            var events = new ArrayList<OrderEvent>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.add(Json.decode(rows.getString(1), rows.getBytes(2)));
                }
            }
            return events;
        } catch (SQLException e) {
            throw new IllegalStateException("raw load failed", e);
        }
    }

    @Override
    public Long start() {
        return 0L;
    }

    @Override
    public Long head() {
        try (var connection = pool.getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT coalesce(max(position), 0) FROM events")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("raw head failed", e);
        }
    }

    @Override
    public Batch<Long> read(Long after, int limit) {
        try (var connection = pool.getConnection();
                var select = connection.prepareStatement("SELECT position, stream, version, type, payload FROM events"
                        + " WHERE position > ? ORDER BY position LIMIT ?")) {
            select.setLong(1, after);
            select.setInt(2, limit);
            var events = new ArrayList<Read>(limit);
            long next = after;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    next = rows.getLong(1);
                    events.add(new Read(
                            rows.getObject(2, UUID.class),
                            rows.getLong(3),
                            Json.decode(rows.getString(4), rows.getBytes(5))));
                }
            }
            return new Batch<>(events, next);
        } catch (SQLException e) {
            throw new IllegalStateException("raw read failed", e);
        }
    }

    @Override
    public Batch<Long> tail(Long after, int limit, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Batch<Long> batch = read(after, limit);
            if (!batch.events().isEmpty() || System.nanoTime() >= deadline) {
                return batch;
            }
            Thread.sleep(POLL);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
