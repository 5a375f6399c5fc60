package org.bookworm.ordering.adapter.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.jspecify.annotations.Nullable;

/**
 * Asks PostgreSQL a trivial question on a connection of its own, so that a busy request pool never makes the database
 * look down and a probe never takes a connection a request needs. The small pool is made at the first ping
 * (adapters that are never probed open nothing), and again after a failed start; it reconnects by itself.
 */
final class PostgresPing implements AutoCloseable {
    private static final int QUERY_TIMEOUT_SECONDS = 1;

    private final PostgresConfig config;
    private @Nullable HikariDataSource pool;
    private boolean closed;

    PostgresPing(PostgresConfig config) {
        // two at most, one kept: HikariCP warns about a fixed-size pool with an idle timeout
        this.config = new PostgresConfig(config.url(), config.user(), config.password(), 2);
    }

    /** Returns when {@code SELECT 1} was answered; bounded by the pool's 2.5 s connection timeout. */
    synchronized void ping() {
        try (Connection connection = pool().getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.execute("SELECT 1");
        } catch (SQLException | RuntimeException unanswered) {
            throw new StoreUnavailable("PostgreSQL did not answer: " + unanswered.getMessage(), unanswered);
        }
    }

    private HikariDataSource pool() {
        if (closed) {
            throw new IllegalStateException("the adapters are closed");
        }
        if (pool == null) {
            pool = Pools.pool(config, "ordering-health");
        }
        return pool;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.close();
        }
    }
}
