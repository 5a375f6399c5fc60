package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.bookworm.ordering.adapter.postgres.EventRows.StoredRow;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;

/**
 * The global log with the xid8 rule (RELIABILITY.md section 3): a reader sees only events whose writing transaction
 * is older than the oldest transaction still running, ordered by (transaction id, position). A transaction that
 * commits late therefore holds readers back instead of being skipped. {@link #awaitEvents} wakes on NOTIFY and polls
 * every {@value #POLL_MILLIS} ms, so a lost notification costs latency, never progress. While committed events are
 * held back, readers look again every few milliseconds: nothing announces the horizon passing them (it moves when
 * some other transaction on the server ends), and the next NOTIFY may be far away.
 */
final class PostgresEventLog implements EventLog {
    static final long POLL_MILLIS = 250;
    static final String READ_AFTER = "SELECT " + EventRows.COLUMNS + " FROM eventstore.events"
            + " WHERE (tx_id, global_position) > (?::text::xid8, ?)"
            + " AND tx_id < pg_snapshot_xmin(pg_current_snapshot())"
            + " ORDER BY tx_id, global_position LIMIT ?";
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
    public List<RecordedEvent> readAfter(LogPosition after, int limit) {
        requirePositive(limit);
        try {
            List<StoredRow> rows = readAhead.take(after, limit).orElse(null);
            if (rows == null) {
                Connection batch = Jdbc.boundTo(dataSource);
                if (batch != null) {
                    rows = readStored(batch, after, limit); // a projection's batch reads on its own connection
                } else {
                    try (Connection c = dataSource.getConnection()) {
                        rows = readStored(c, after, limit);
                    }
                }
            }
            if (rows.size() == limit) {
                readAhead.start(rows.get(rows.size() - 1).position(), limit);
            }
            return decode(rows, codec);
        } catch (SQLException failed) {
            throw SqlErrors.translate("read the global log", failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static List<StoredRow> readStored(Connection c, LogPosition after, int limit) throws SQLException {
        long deadline = System.nanoTime() + HOLDBACK_WAIT.toNanos();
        for (long step = 1; ; step = Math.min(step * 2, MAX_HOLDBACK_STEP_MILLIS)) {
            List<StoredRow> rows = readOnce(c, after, limit);
            if (!rows.isEmpty() || System.nanoTime() > deadline) {
                return rows;
            }
            Horizon.State state = Horizon.after(c, after);
            if (state == Horizon.State.NOTHING) {
                return rows;
            }
            if (state == Horizon.State.READABLE) {
                // The horizon passed the held-back events between the two statements: read them now.
                return readOnce(c, after, limit);
            }
            try {
                Thread.sleep(step);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return rows;
            }
        }
    }

    private List<StoredRow> readOnce(LogPosition after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return readOnce(c, after, limit);
        }
    }

    private static List<StoredRow> readOnce(Connection c, LogPosition after, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(READ_AFTER)) {
            ps.setString(1, Long.toString(after.transaction()));
            ps.setLong(2, after.position());
            ps.setInt(3, limit);
            var rows = new ArrayList<StoredRow>(Math.min(limit, 1_000));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(EventRows.stored(rs));
                }
            }
            return rows;
        }
    }

    private static List<RecordedEvent> decode(List<StoredRow> rows, EventCodec codec) {
        var events = new ArrayList<RecordedEvent>(rows.size());
        for (StoredRow row : rows) {
            events.add(EventRows.decode(row, codec, true));
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
                notifications.awaitAfter(
                        seen, Math.min(left, Duration.ofMillis(POLL_MILLIS).toNanos()));
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
