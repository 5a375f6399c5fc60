package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.bookworm.ordering.adapter.postgres.EventRows.StoredRow;
import org.bookworm.ordering.adapter.postgres.LogReads.StoredPage;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;

/**
 * The global log with the xid8 rule (RELIABILITY.md section 3): a reader sees only events whose writing transaction
 * is older than the oldest transaction still running, ordered by (transaction id, position). A transaction that
 * commits late therefore holds readers back instead of being skipped. {@link #awaitEvents} wakes when this process
 * commits events (in memory, ADR 0054) or on another process's NOTIFY, and polls every {@value #POLL_MILLIS} ms while
 * the LISTEN connection is down; while it is up, a reader with nothing to read waits up to its whole wait and asks the
 * server nothing meanwhile (ADR 0037), so a notification lost to a crash between commit and NOTIFY costs at most that
 * wait, never progress. While committed events are held back, readers look again every few milliseconds: nothing
 * announces the horizon passing them (it moves when some other transaction on the server ends), and the next NOTIFY
 * may be far away.
 */
final class PostgresEventLog implements EventLog {
    static final long POLL_MILLIS = 250;
    /** How long an empty read waits for committed events held back by a transaction still open elsewhere. */
    static final Duration HOLDBACK_WAIT = Duration.ofSeconds(2);
    /** Looks again after 1, 2, 4 then every 8 ms while events are held back. */
    private static final long MAX_HOLDBACK_STEP_MILLIS = 8;

    private final DataSource dataSource;
    private final EventCodec codec;
    private final Notifications notifications;
    private final ReadAhead readAhead;

    PostgresEventLog(DataSource dataSource, EventCodec codec, Notifications notifications) {
        this.dataSource = dataSource;
        this.codec = codec;
        this.notifications = notifications;
        this.readAhead = new ReadAhead(this::readOnce);
    }

    @Override
    public Page read(LogPosition after, int limit, EventFilter filter) {
        requirePositive(limit);
        try {
            StoredPage page = readAhead.take(after, limit, filter).orElse(null);
            if (page == null) {
                Connection batch = Jdbc.boundTo(dataSource);
                if (batch != null) {
                    page = readStored(batch, after, limit, filter); // a projection's batch reads on its own connection
                } else {
                    try (Connection c = dataSource.getConnection()) {
                        page = readStored(c, after, limit, filter);
                    }
                }
            }
            if (page.rows().size() == limit) {
                readAhead.start(page.end(), limit, filter);
            }
            return new Page(decode(page.rows(), codec), page.end());
        } catch (SQLException failed) {
            throw SqlErrors.translate("read the global log", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Page.empty(after);
        }
    }

    /**
     * A page, waiting up to {@link #HOLDBACK_WAIT} while the next events are committed but held back. A page that
     * found nothing but passed over events the filter leaves out moves the wait on to its end: what lies after it may
     * be held back too, and a reader that drains must not stop short of it.
     */
    private static StoredPage readStored(Connection c, LogPosition after, int limit, EventFilter filter)
            throws SQLException {
        long deadline = System.nanoTime() + HOLDBACK_WAIT.toNanos();
        LogPosition from = after;
        for (long step = 1; ; step = Math.min(step * 2, MAX_HOLDBACK_STEP_MILLIS)) {
            StoredPage page = LogReads.read(c, from, limit, filter);
            if (!page.rows().isEmpty() || System.nanoTime() > deadline) {
                return page;
            }
            from = page.end(); // nothing there for this reader up to here
            Horizon.State state = Horizon.after(c, from);
            if (state == Horizon.State.NOTHING) {
                return page;
            }
            if (state == Horizon.State.HELD_BACK) {
                try {
                    Thread.sleep(step);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return page;
                }
            } // READABLE: the horizon passed the held-back events between the two statements: read them now
        }
    }

    private StoredPage readOnce(LogPosition after, int limit, EventFilter filter) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return LogReads.read(c, after, limit, filter);
        }
    }

    /**
     * Decodes a page. The events of one append carry the same metadata (one command, one actor, one correlation), and
     * they lie next to each other in the log: {@link RepeatedMetadata} decodes each run of them once.
     */
    private static List<RecordedEvent> decode(List<StoredRow> rows, EventCodec codec) {
        var events = new ArrayList<RecordedEvent>(rows.size());
        var metadata = new RepeatedMetadata(codec);
        for (StoredRow row : rows) {
            events.add(EventRows.decode(row, codec, true, metadata));
        }
        return events;
    }

    @Override
    public boolean awaitEvents(LogPosition after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long step = 1;
        while (true) {
            long seen = notifications.count();
            Horizon.State state = after(after);
            if (state == Horizon.State.READABLE) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            if (state == Horizon.State.HELD_BACK) {
                // Committed and on its way: the horizon passes it when another transaction ends, unannounced.
                Thread.sleep(Math.min(step, Math.max(1, left / 1_000_000)));
                step = Math.min(step * 2, MAX_HOLDBACK_STEP_MILLIS);
            } else {
                step = 1;
                boolean listening = notifications.listening();
                boolean notified = notifications.awaitAfter(
                        seen,
                        listening
                                ? left
                                : Math.min(left, Duration.ofMillis(POLL_MILLIS).toNanos()));
                if (!notified && listening && notifications.listening()) {
                    return false; // the whole wait passed with LISTEN up and no NOTIFY: nothing was appended
                }
            }
        }
    }

    private Horizon.State after(LogPosition after) {
        try (Connection c = dataSource.getConnection()) {
            return Horizon.after(c, after);
        } catch (SQLException failed) {
            throw SqlErrors.translate("look for new events", failed);
        }
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("read at least one event");
        }
    }
}
