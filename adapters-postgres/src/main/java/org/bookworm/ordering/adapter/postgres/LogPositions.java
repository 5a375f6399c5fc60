package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.LogPosition;

/**
 * Where an operator's position or instant lies in the log's order (transaction id, position): a checkpoint there
 * means "handled up to here", so the next read starts right after it.
 */
final class LogPositions {
    private static final String OF_EVENT = "SELECT tx_id::text::int8 FROM eventstore.events WHERE global_position = ?";
    private static final String LAST = "SELECT coalesce(max(global_position), 0) FROM eventstore.events";
    private static final String BEFORE = "SELECT tx_id::text::int8, global_position FROM eventstore.events"
            + " WHERE recorded_at < ? ORDER BY tx_id DESC, global_position DESC LIMIT 1";
    private static final String COUNT_AFTER =
            "SELECT count(*) FROM eventstore.events WHERE (tx_id, global_position) > (?::text::xid8, ?)";
    private static final String HORIZON = "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::int8";

    private LogPositions() {}

    /** Right after the event at global position {@code position} (0: the start); refused past the end or in a gap. */
    static LogPosition after(Connection c, long position) throws SQLException {
        if (position == 0) {
            return LogPosition.START;
        }
        var tx = Jdbc.query(c, OF_EVENT, ps -> ps.setLong(1, position), rs -> rs.getLong(1));
        if (!tx.isEmpty()) {
            return new LogPosition(tx.get(0), position);
        }
        long last = last(c);
        throw new IllegalArgumentException(
                position > last
                        ? pastTheEnd(position, last)
                        : "no event at position " + position + " (a rolled-back append left it empty)");
    }

    /** The last event's global position (0 for an empty log). */
    static long last(Connection c) throws SQLException {
        return Jdbc.query(c, LAST, ps -> {}, rs -> rs.getLong(1)).get(0);
    }

    /** How an operator is told that {@code position} lies past the end of the log. */
    static String pastTheEnd(long position, long last) {
        return "position " + position + " is past the end of the log (the last is " + last + ")";
    }

    /** Right after the last event recorded before {@code at} (the start if none); refused in the future. */
    static LogPosition before(Connection c, Instant at, Instant now) throws SQLException {
        if (at.isAfter(now)) {
            throw new IllegalArgumentException("instant " + at + " is in the future (now is " + now + ")");
        }
        return Jdbc.query(
                        c,
                        BEFORE,
                        ps -> ps.setTimestamp(1, Timestamp.from(at)),
                        rs -> new LogPosition(rs.getLong(1), rs.getLong(2)))
                .stream()
                .findFirst()
                .orElse(LogPosition.START);
    }

    /**
     * "Now" for a follower that must not skip: right before the horizon, so every event of a transaction still open
     * (or committed since the horizon was taken) comes, at the cost of a few repeated ones that committed meanwhile.
     */
    static LogPosition now(Connection c) throws SQLException {
        long horizon = Jdbc.query(c, HORIZON, ps -> {}, rs -> rs.getLong(1)).get(0);
        return new LogPosition(Math.max(0, horizon - 1), Long.MAX_VALUE);
    }

    /**
     * How many events of the log that {@code filter} matches lie after {@code after} (a scan of the log-order index:
     * not for requests).
     */
    static long countAfter(Connection c, LogPosition after, EventFilter filter) throws SQLException {
        return Jdbc.query(
                        c,
                        filter.isAll() ? COUNT_AFTER : COUNT_AFTER + " AND" + LogReads.MATCHES,
                        ps -> {
                            ps.setString(1, Long.toString(after.transaction()));
                            ps.setLong(2, after.position());
                            if (!filter.isAll()) {
                                LogReads.bindFilter(c, ps, 3, filter);
                            }
                        },
                        rs -> rs.getLong(1))
                .get(0);
    }
}
