package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.LogPosition;

/** Checkpoints as (xid8, position) rows; the connection variants let a projection commit one with its rows. */
final class PostgresCheckpoints implements Checkpoints {
    private static final String LOAD =
            "SELECT last_tx_id::text, last_position FROM eventstore.checkpoints WHERE subscription = ?";
    private static final String SAVE = "INSERT INTO eventstore.checkpoints (subscription, last_tx_id, last_position)"
            + " VALUES (?, ?::text::xid8, ?) ON CONFLICT (subscription) DO UPDATE"
            + " SET last_tx_id = EXCLUDED.last_tx_id, last_position = EXCLUDED.last_position, updated_at = now()";

    private final DataSource dataSource;

    PostgresCheckpoints(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public LogPosition load(String subscription) {
        return Jdbc.withConnection(dataSource, "load checkpoint", c -> load(c, subscription));
    }

    @Override
    public void save(String subscription, LogPosition position) {
        Jdbc.withConnection(dataSource, "save checkpoint", c -> {
            save(c, subscription, position);
            return null;
        });
    }

    static LogPosition load(Connection c, String subscription) throws SQLException {
        return Jdbc.query(
                        c,
                        LOAD,
                        ps -> ps.setString(1, subscription),
                        rs -> new LogPosition(Long.parseLong(rs.getString(1)), rs.getLong(2)))
                .stream()
                .findFirst()
                .orElse(LogPosition.START);
    }

    static void save(Connection c, String subscription, LogPosition position) throws SQLException {
        Jdbc.update(c, SAVE, ps -> {
            ps.setString(1, subscription);
            ps.setString(2, Long.toString(position.transaction()));
            ps.setLong(3, position.position());
        });
    }
}
