package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.LogPosition;

/**
 * The xid8 horizon of the global log (RELIABILITY.md section 3): the oldest transaction still running on the server.
 * Events below it are readable; committed events at or above it are held back until it passes them.
 */
final class Horizon {
    /**
     * The transaction of the first event after a position in log order, and the horizon, in one snapshot. Below the
     * horizon that event is readable; otherwise no later one is either (they sort by transaction id): held back.
     *
     * <p>The shape matters for the generic plan. Written as two {@code EXISTS}, or with anything but the bare {@code
     * tx_id} selected inside the {@code LIMIT 1}, PostgreSQL 15 scanned the whole table instead of one step on {@code
     * events_feed}: 466 ms on 800,000 events, which made the full run's live tail wait half a second per event and
     * slowed every reactor's wake-up as the log grew. This form plans as a one-row index-only scan (0.08 ms).
     */
    static final String AFTER = "SELECT (SELECT tx_id FROM eventstore.events"
            + " WHERE (tx_id, global_position) > (?::text::xid8, ?) ORDER BY tx_id, global_position LIMIT 1)::text::int8,"
            + " pg_snapshot_xmin(pg_current_snapshot())::text::int8";

    /** What lies after a position. */
    enum State {
        READABLE,
        HELD_BACK,
        NOTHING
    }

    private Horizon() {}

    static State after(Connection c, LogPosition after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(AFTER)) {
            ps.setString(1, Long.toString(after.transaction()));
            ps.setLong(2, after.position());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long next = rs.getLong(1);
                if (rs.wasNull()) {
                    return State.NOTHING;
                }
                return next < rs.getLong(2) ? State.READABLE : State.HELD_BACK;
            }
        }
    }

    /** The oldest open writing transaction on the server and its age: what holds readers back. */
    static Optional<PostgresAdapters.Holdback> oldestWriter(DataSource dataSource) {
        return Jdbc.withConnection(
                dataSource,
                "measure holdback",
                c -> Optional.ofNullable(HorizonReport.holder(c))
                        .map(holder -> new PostgresAdapters.Holdback(holder.transaction(), holder.age())));
    }
}
