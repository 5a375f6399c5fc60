package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.bookworm.ordering.core.port.EventLog;
import org.bookworm.ordering.core.port.LogPosition;
import org.bookworm.ordering.core.port.RecordedEvent;

/**
 * The global log with the xid8 rule (RELIABILITY.md section 3): a reader sees only events whose writing transaction
 * is older than the oldest transaction still running, ordered by (transaction id, position). A transaction that
 * commits late therefore holds readers back instead of being skipped. {@link #awaitEvents} wakes on NOTIFY and polls
 * every {@value #POLL_MILLIS} ms, so a lost notification costs latency, never progress.
 */
final class PostgresEventLog implements EventLog {
    static final long POLL_MILLIS = 250;
    static final String READ_AFTER = "SELECT " + EventRows.COLUMNS + " FROM eventstore.events"
            + " WHERE (tx_id, global_position) > (?::text::xid8, ?)"
            + " AND tx_id < pg_snapshot_xmin(pg_current_snapshot())"
            + " ORDER BY tx_id, global_position LIMIT ?";
    private static final String ANY_AFTER = "SELECT EXISTS (SELECT 1 FROM eventstore.events"
            + " WHERE (tx_id, global_position) > (?::text::xid8, ?)"
            + " AND tx_id < pg_snapshot_xmin(pg_current_snapshot()))";

    private final DataSource dataSource;
    private final EventCodec codec;
    private final Notifications notifications;

    PostgresEventLog(DataSource dataSource, EventCodec codec, Notifications notifications) {
        this.dataSource = dataSource;
        this.codec = codec;
        this.notifications = notifications;
    }

    @Override
    public List<RecordedEvent> readAfter(LogPosition after, int limit) {
        try (Connection c = dataSource.getConnection()) {
            return readAfter(c, codec, after, limit);
        } catch (SQLException failed) {
            throw SqlErrors.translate("read the global log", failed);
        }
    }

    /** The same read on a caller's connection, so a projection reads and writes in one transaction. */
    static List<RecordedEvent> readAfter(Connection c, EventCodec codec, LogPosition after, int limit)
            throws SQLException {
        if (limit < 1) {
            throw new IllegalArgumentException("read at least one event");
        }
        try (PreparedStatement ps = c.prepareStatement(READ_AFTER)) {
            ps.setString(1, Long.toString(after.transaction()));
            ps.setLong(2, after.position());
            ps.setInt(3, limit);
            var events = new ArrayList<RecordedEvent>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(EventRows.read(rs, codec, true));
                }
            }
            return events;
        }
    }

    @Override
    public boolean awaitEvents(LogPosition after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long seen = notifications.count();
            if (anyAfter(after)) {
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            notifications.awaitAfter(
                    seen, Math.min(left, Duration.ofMillis(POLL_MILLIS).toNanos()));
        }
    }

    private boolean anyAfter(LogPosition after) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(ANY_AFTER)) {
            ps.setString(1, Long.toString(after.transaction()));
            ps.setLong(2, after.position());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (SQLException failed) {
            throw SqlErrors.translate("look for new events", failed);
        }
    }
}
