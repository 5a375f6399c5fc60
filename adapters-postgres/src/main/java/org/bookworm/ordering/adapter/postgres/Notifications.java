package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
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
 *
 * <p>Commits of this process wake its readers in memory ({@link #committedHere()}, called by {@link ReaderWakeUps});
 * a NOTIFY whose payload is this process's own {@code origin} announces those same commits again and is left out
 * (ADR 0054). Any other NOTIFY wakes the readers, whatever its payload.
 */
final class Notifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);

    private final PostgresConfig config;
    private final String origin;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Thread listener;
    private volatile boolean closed;
    /** True while the LISTEN connection is up: every NOTIFY sent after a commit then reaches this process. */
    private volatile boolean listening;

    private long count;

    /** Woken by every NOTIFY: a process that appends nothing (the admin tool). */
    Notifications(PostgresConfig config) {
        this(config, newOrigin());
    }

    /** Leaves out the NOTIFYs whose payload is {@code origin}: those of this process's {@link ReaderWakeUps}. */
    Notifications(PostgresConfig config, String origin) {
        this.config = config;
        this.origin = origin;
        this.listener = Thread.ofPlatform().name("event-store-listen").daemon().start(this::run);
    }

    /** Whether the LISTEN connection is up, so readers may wait for a NOTIFY rather than poll. */
    boolean listening() {
        return listening;
    }

    /** A name for one process's NOTIFYs, unique to it. */
    static String newOrigin() {
        return UUID.randomUUID().toString();
    }

    /** This process committed events: its readers look again at once, without waiting for a NOTIFY. */
    void committedHere() {
        signal();
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
                    if (received != null && fromElsewhere(received)) {
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

    private boolean fromElsewhere(PGNotification[] received) {
        for (PGNotification n : received) {
            if (!origin.equals(n.getParameter())) {
                return true;
            }
        }
        return false;
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
