package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on the event channel on a connection of its own (never a pooled one: a pool may hand it to a transaction)
 * and counts wake-ups. A broken connection is reopened; meanwhile readers keep polling, so nothing stalls.
 */
final class Notifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final PostgresConfig config;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Thread listener;
    private volatile boolean closed;
    /** True while the LISTEN connection is up: every NOTIFY sent after a commit then reaches this process. */
    private volatile boolean listening;

    private long count;

    Notifications(PostgresConfig config) {
        this.config = config;
        this.listener = Thread.ofPlatform().name("event-store-listen").daemon().start(this::run);
    }

    /** Whether the LISTEN connection is up, so readers may wait for a NOTIFY rather than poll. */
    boolean listening() {
        return listening;
    }

    long count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos} for a notification after the {@code seen}-th one; true when one came. */
    boolean awaitAfter(long seen, long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (count == seen && left > 0) {
                left = arrived.awaitNanos(left);
            }
            return count != seen;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!closed) {
            try (Connection c = open()) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + AppendSql.NOTIFY_CHANNEL);
                }
                listening = true;
                signal(); // events may have come while it was not listening: every waiting reader looks again
                PGConnection pg = c.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification @Nullable [] received = pg.getNotifications((int) PostgresEventLog.POLL_MILLIS);
                    if (received != null && received.length > 0) {
                        signal();
                    }
                }
            } catch (SQLException | RuntimeException broken) {
                listening = false;
                if (!closed) {
                    LOG.warn("LISTEN connection lost, readers fall back to polling: {}", broken.toString());
                    sleepQuietly();
                }
            }
        }
    }

    private Connection open() throws SQLException {
        try {
            return DriverManager.getConnection(config.url(), config.dedicatedConnection("event-store-listen"));
        } catch (SQLException failed) {
            throw new StoreUnavailable("cannot open the LISTEN connection", failed);
        }
    }

    private void signal() {
        lock.lock();
        try {
            count++;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        listener.interrupt();
        try {
            listener.join(2_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
