package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.bookworm.ordering.core.port.LogPosition;

/**
 * The xid8 horizon of the global log (RELIABILITY.md section 3): the oldest transaction still running on the server.
 * Events below it are readable; committed events at or above it are held back until it passes them.
 */
final class Horizon {
    /** Whether events after a position are readable now, and whether committed ones wait behind the horizon. */
    private static final String AFTER = "SELECT"
            + " EXISTS (SELECT 1 FROM eventstore.events WHERE (tx_id, global_position) > (?::text::xid8, ?)"
            + " AND tx_id < pg_snapshot_xmin(pg_current_snapshot())),"
            + " EXISTS (SELECT 1 FROM eventstore.events WHERE (tx_id, global_position) > (?::text::xid8, ?)"
            + " AND tx_id >= pg_snapshot_xmin(pg_current_snapshot()))";

    private static final String OLDEST_WRITER = "SELECT backend_xid::text,"
            + " extract(epoch FROM clock_timestamp() - xact_start) FROM pg_stat_activity"
            + " WHERE backend_xid IS NOT NULL AND xact_start IS NOT NULL ORDER BY age(backend_xid) DESC LIMIT 1";

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
            ps.setString(3, Long.toString(after.transaction()));
            ps.setLong(4, after.position());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? State.READABLE : rs.getBoolean(2) ? State.HELD_BACK : State.NOTHING;
            }
        }
    }

    /** The oldest open writing transaction on the server and its age: what holds readers back. */
    static Optional<PostgresAdapters.Holdback> oldestWriter(DataSource dataSource) {
        return Jdbc.withConnection(
                        dataSource,
                        "measure holdback",
                        c -> Jdbc.query(
                                c,
                                OLDEST_WRITER,
                                ps -> {},
                                rs -> new PostgresAdapters.Holdback(
                                        Long.parseLong(rs.getString(1)),
                                        Duration.ofMillis((long) (rs.getDouble(2) * 1000)))))
                .stream()
                .findFirst();
    }
}
