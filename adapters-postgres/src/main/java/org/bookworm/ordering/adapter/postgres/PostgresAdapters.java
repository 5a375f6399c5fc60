package org.bookworm.ordering.adapter.postgres;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.bookworm.ordering.core.port.EventLog;
import org.bookworm.ordering.core.port.EventStore;
import org.bookworm.ordering.core.port.IdempotencyKeys;

/**
 * The one entry point for wiring the PostgreSQL adapters: it opens the pool (short timeouts, RELIABILITY.md section
 * 5), migrates the schemas with Flyway, and hands out the ports. Appends go through an application-level group commit
 * unless it is switched off. Close it to stop the writer and listener threads and the pool.
 */
public final class PostgresAdapters implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final EventCodec codec;
    private final Notifications notifications;
    private final PostgresEventStore eventStore;
    private final PostgresEventLog eventLog;

    private PostgresAdapters(PostgresConfig config, boolean groupCommit) {
        this.dataSource = Pools.pool(config, "ordering");
        try {
            Pools.migrate(dataSource);
        } catch (RuntimeException failed) {
            dataSource.close();
            throw failed;
        }
        this.codec = EventCodec.standard();
        this.notifications = new Notifications(config);
        this.eventStore = new PostgresEventStore(dataSource, codec, groupCommit);
        this.eventLog = new PostgresEventLog(dataSource, codec, notifications);
    }

    /** Opens the pool and migrates; appends are group-committed. */
    public static PostgresAdapters start(PostgresConfig config) {
        return new PostgresAdapters(config, true);
    }

    /** As {@link #start}, with one transaction per append instead of group commit. */
    public static PostgresAdapters startWithoutGroupCommit(PostgresConfig config) {
        return new PostgresAdapters(config, false);
    }

    public EventStore eventStore() {
        return eventStore;
    }

    public IdempotencyKeys idempotencyKeys() {
        return eventStore;
    }

    public EventLog eventLog() {
        return eventLog;
    }

    DataSource dataSource() {
        return dataSource;
    }

    EventCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        eventStore.close();
        notifications.close();
        dataSource.close();
    }
}
