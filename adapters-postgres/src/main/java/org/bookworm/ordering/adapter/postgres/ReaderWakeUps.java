package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the {@code NOTIFY} wake-up after appends commit, from a transaction of its own (RELIABILITY.md section 3:
 * "after commit we NOTIFY"). Inside the append's transaction it would serialize every commit on the server:
 * PostgreSQL takes one cluster-wide lock from a notifying transaction's pre-commit until after its WAL flush.
 *
 * <p>Wake-ups coalesce: appends that commit while a NOTIFY is on its way cause one more, not one each. A wake-up lost
 * to a crash between commit and NOTIFY, or to a broken connection, costs readers one poll interval, never an event.
 */
final class ReaderWakeUps implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReaderWakeUps.class);

    private final DataSource dataSource;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition requested = lock.newCondition();
    private final Thread sender;
    private boolean pending;
    private volatile boolean closed;

    ReaderWakeUps(DataSource dataSource) {
        this.dataSource = dataSource;
        this.sender = Thread.ofPlatform().name("event-store-notify").daemon().start(this::run);
    }

    /** Called after a commit that wrote events; returns at once. */
    void committed() {
        lock.lock();
        try {
            pending = true;
            requested.signal();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (!closed) {
            try {
                awaitRequest();
                send();
            } catch (InterruptedException interrupted) {
                return;
            } catch (SQLException | RuntimeException failed) {
                if (!closed) {
                    LOG.warn("could not send the NOTIFY wake-up, readers poll instead: {}", failed.toString());
                }
            }
        }
    }

    private void awaitRequest() throws InterruptedException {
        lock.lock();
        try {
            while (!pending) {
                requested.await();
            }
            pending = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * PostgreSQL gives a notifying transaction a transaction id, so while it runs it holds readers back (the xid8
     * rule) and it would wait for a WAL flush of its own at commit. It writes no data, so it commits asynchronously
     * ({@code set_config(..., true)} lasts for this one-statement transaction only): it ends at once, and a crash can
     * lose only the wake-up, which the readers' poll covers.
     */
    private void send() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute("SELECT set_config('synchronous_commit', 'off', true), pg_notify('" + AppendSql.NOTIFY_CHANNEL
                    + "', '')");
        }
    }

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        try {
            sender.join(2_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
