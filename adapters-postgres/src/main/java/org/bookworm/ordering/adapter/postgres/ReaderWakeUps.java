package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the log's readers after appends commit (ADR 0054). This process's own readers are woken at once, in memory
 * ({@code localReaders}): their latency owes nothing to PostgreSQL. Readers of other processes (replicas, {@code
 * ordering events tail}) are woken by a {@code NOTIFY} sent from a transaction of its own (RELIABILITY.md section 3:
 * "after commit we NOTIFY"). Inside the append's transaction it would serialize every commit on the server:
 * PostgreSQL takes one cluster-wide lock from a notifying transaction's pre-commit until after its WAL flush.
 *
 * <p>The NOTIFY is coalesced over {@link #WINDOW}: a commit after a quiet window is announced at once; a commit less
 * than a window after the last NOTIFY waits for that window to end, and every commit until then shares the one NOTIFY
 * sent then, so a busy process sends at most one NOTIFY per window. Its payload names the sender ({@code origin}), so
 * that this process's {@link Notifications} does not wake its readers a second time for commits they were told of in
 * memory. A wake-up lost to a crash between commit and NOTIFY, or to a broken connection, costs readers of other
 * processes one poll interval, never an event.
 */
final class ReaderWakeUps implements AutoCloseable {
    /**
     * The least time between two NOTIFYs: commits within it of the last one gather behind one more. Each NOTIFY costs
     * every other process a look at the log, so a busy process sends at most one per window (250 a second) instead of
     * one per group commit; a commit is announced at most this late, which is what a reader polling every 4 ms would
     * see. Not 10 ms, as first chosen (ADR 0054's second update): that delayed a live tail from another process by
     * half its 5 ms appends (p50 5.5 ms against a polling peer's 4.0) and saved no CPU per checkout that could be
     * measured.
     */
    static final Duration WINDOW = Duration.ofMillis(4);

    private static final Logger LOG = LoggerFactory.getLogger(ReaderWakeUps.class);
    private static final String NOTIFY =
            "SELECT set_config('synchronous_commit', 'off', true), pg_notify('" + AppendSql.NOTIFY_CHANNEL + "', ?)";

    private final DataSource dataSource;
    private final String origin;
    private final Runnable localReaders;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition requested = lock.newCondition();
    private final AtomicLong sent = new AtomicLong();
    private final Thread sender;
    private boolean pending;
    /** When the last NOTIFY went out (System.nanoTime); only the sender thread reads and writes it. */
    private long lastSentNanos = System.nanoTime() - WINDOW.toNanos();

    private volatile boolean closed;

    /** With no reader of its own to wake: every reader hears of its commits by NOTIFY. */
    ReaderWakeUps(DataSource dataSource) {
        this(dataSource, Notifications.newOrigin(), () -> {});
    }

    /**
     * @param origin the payload of its NOTIFYs, the one this process's {@link Notifications} leaves out
     * @param localReaders wakes this process's readers; called after each commit that wrote events, so it must be quick
     */
    ReaderWakeUps(DataSource dataSource, String origin, Runnable localReaders) {
        this.dataSource = dataSource;
        this.origin = origin;
        this.localReaders = localReaders;
        this.sender = Thread.ofPlatform().name("event-store-notify").daemon().start(this::run);
    }

    /**
     * Called after a commit that wrote events; returns at once. This process's readers are woken even after {@link
     * #close()}, which stops only the NOTIFYs.
     */
    void committed() {
        localReaders.run();
        lock.lock();
        try {
            pending = true;
            requested.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * How long a NOTIFY asked for at {@code now} waits: until a {@code window} after the last one was sent, or not at
     * all when that is past. So a lone commit is announced at once and a busy process sends one per window at most.
     */
    static long untilNextSend(long lastSentNanos, long nowNanos, long windowNanos) {
        return Math.max(0, lastSentNanos + windowNanos - nowNanos);
    }

    /** How many NOTIFY statements were sent (tests count them at the one place that sends them). */
    long sent() {
        return sent.get();
    }

    private void run() {
        while (!closed) {
            try {
                awaitWindow();
                send();
            } catch (InterruptedException interrupted) {
                return;
            } catch (SQLException | RuntimeException failed) {
                if (!closed) {
                    LOG.warn("could not send the NOTIFY wake-up, other processes poll instead: {}", failed.toString());
                }
            }
        }
    }

    /**
     * Waits for a commit, then, if the last NOTIFY went out less than a window ago, for that window to end (at once
     * otherwise). The request is taken only then: a commit during the wait is announced by this NOTIFY (sent after it
     * committed), one after it asks for the next.
     */
    private void awaitWindow() throws InterruptedException {
        lock.lock();
        try {
            while (!pending) {
                requested.await();
            }
        } finally {
            lock.unlock();
        }
        long wait = untilNextSend(lastSentNanos, System.nanoTime(), WINDOW.toNanos());
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
        lock.lock();
        try {
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
        lastSentNanos = System.nanoTime();
        sent.incrementAndGet();
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement(NOTIFY)) {
            st.setString(1, origin);
            st.execute();
        }
    }

    /** Stops the NOTIFYs; this process's readers are still woken by {@link #committed()}. */
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
