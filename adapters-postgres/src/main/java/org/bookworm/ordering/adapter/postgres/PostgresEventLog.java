package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private static final String HELD_BACK = "SELECT EXISTS (SELECT 1 FROM eventstore.events"
            + " WHERE (tx_id, global_position) > (?::text::xid8, ?)"
            + " AND tx_id >= pg_snapshot_xmin(pg_current_snapshot()))";
    /** How long an empty read waits for committed events held back by a transaction still open elsewhere. */
    static final Duration HOLDBACK_WAIT = Duration.ofSeconds(2);

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

    /**
     * The same read on a caller's connection, so a projection reads and writes in one transaction. Visible events are
     * returned at once, never held for later ones. Only when nothing is visible but committed events wait behind a
     * transaction that is still open (anywhere on the server: transaction ids are cluster-wide) does it wait, up to
     * {@link #HOLDBACK_WAIT}, for the horizon to pass them: a drain then does not stop early on a brief holdback.
     */
    static List<RecordedEvent> readAfter(Connection c, EventCodec codec, LogPosition after, int limit)
            throws SQLException {
        if (limit < 1) {
            throw new IllegalArgumentException("read at least one event");
        }
        long deadline = System.nanoTime() + HOLDBACK_WAIT.toNanos();
        while (true) {
            List<RecordedEvent> events = readOnce(c, codec, after, limit);
            if (!events.isEmpty() || System.nanoTime() > deadline) {
                return events;
            }
            if (!heldBack(c, after)) {
                // The horizon may have passed the held-back events between the two statements: read once more.
                return readOnce(c, codec, after, limit);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return events;
            }
        }
    }

    private static List<RecordedEvent> readOnce(Connection c, EventCodec codec, LogPosition after, int limit)
            throws SQLException {
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

    private static boolean heldBack(Connection c, LogPosition after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HELD_BACK)) {
            ps.setString(1, Long.toString(after.transaction()));
            ps.setLong(2, after.position());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
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

    /** The oldest open writing transaction on the server and its age: what holds readers back. */
    static Optional<PostgresAdapters.Holdback> holdback(DataSource dataSource) {
        return Jdbc.withConnection(
                        dataSource,
                        "measure holdback",
                        c -> Jdbc.query(
                                c,
                                "SELECT backend_xid::text, extract(epoch FROM clock_timestamp() - xact_start)"
                                        + " FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND xact_start IS NOT NULL"
                                        + " ORDER BY age(backend_xid) DESC LIMIT 1",
                                ps -> {},
                                rs -> new PostgresAdapters.Holdback(
                                        Long.parseLong(rs.getString(1)),
                                        Duration.ofMillis((long) (rs.getDouble(2) * 1000)))))
                .stream()
                .findFirst();
    }
}
