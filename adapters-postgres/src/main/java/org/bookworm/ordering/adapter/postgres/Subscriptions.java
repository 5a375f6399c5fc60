package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.jspecify.annotations.Nullable;

/**
 * An operator's reads and writes of subscriptions: their state and lag, who runs them, where a position or an instant
 * lies in the log, and moving a checkpoint (under the subscription's advisory lock, so no batch is half-way).
 */
final class Subscriptions {
    /** The application name of the pools of {@code ordering serve}'s adapters ({@link PostgresAdapters}). */
    static final String SERVER_APPLICATION = "ordering";

    private static final String OWNERS = "SELECT pid, coalesce(host(client_addr), 'local socket'), backend_start"
            + " FROM pg_stat_activity WHERE datname = current_database() AND application_name = ?"
            + " AND pid <> pg_backend_pid() ORDER BY backend_start, pid";
    private static final String CHECKPOINT = "SELECT last_tx_id::text::int8, last_position, updated_at"
            + " FROM eventstore.checkpoints WHERE subscription = ?";
    private static final String LAG = "SELECT count(*), min(recorded_at) FROM eventstore.events"
            + " WHERE (tx_id, global_position) > (?::text::xid8, ?)";
    private static final String SAVE = "INSERT INTO eventstore.checkpoints (subscription, last_tx_id, last_position)"
            + " VALUES (?, ?::text::xid8, ?) ON CONFLICT (subscription) DO UPDATE SET last_tx_id = EXCLUDED.last_tx_id,"
            + " last_position = EXCLUDED.last_position, updated_at = now()";

    private Subscriptions() {}

    static SubscriptionState state(Connection c, String name, List<DeadLetters.Lane> lanes, Instant now)
            throws SQLException {
        var checkpoint = checkpoint(c, name);
        LogPosition position = checkpoint.map(Checkpoint::position).orElse(LogPosition.START);
        var lag = Jdbc.query(
                        c,
                        LAG,
                        ps -> {
                            ps.setString(1, Long.toString(position.transaction()));
                            ps.setLong(2, position.position());
                        },
                        rs -> new Lag(rs.getLong(1), rs.getTimestamp(2)))
                .get(0);
        int retrying = (int) lanes.stream()
                .filter(lane -> lane.hold().status() == DeadLetters.Status.RETRYING)
                .count();
        return new SubscriptionState(
                name,
                position,
                checkpoint.map(Checkpoint::updatedAt).orElse(null),
                lag.events(),
                lag.oldest() == null ? null : Duration.between(lag.oldest().toInstant(), now),
                retrying,
                lanes.size() - retrying,
                checkpoint(c, name + Projections.REBUILD_SUFFIX)
                        .map(Checkpoint::position)
                        .orElse(null),
                owners(c));
    }

    private record Lag(long events, @Nullable Timestamp oldest) {}

    private record Checkpoint(LogPosition position, Instant updatedAt) {}

    private static Optional<Checkpoint> checkpoint(Connection c, String name) throws SQLException {
        return Jdbc.query(
                        c,
                        CHECKPOINT,
                        ps -> ps.setString(1, name),
                        rs -> new Checkpoint(
                                new LogPosition(rs.getLong(1), rs.getLong(2)),
                                rs.getTimestamp(3).toInstant()))
                .stream()
                .findFirst();
    }

    /** The live connections of server processes to this database. */
    static List<SubscriptionState.Owner> owners(Connection c) throws SQLException {
        return Jdbc.query(
                c,
                OWNERS,
                ps -> ps.setString(1, SERVER_APPLICATION),
                rs -> new SubscriptionState.Owner(
                        rs.getInt(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
    }

    /** Sets the checkpoint under the subscription's lock: the next batch handles the events after {@code to}. */
    static void moveCheckpoint(DataSource dataSource, String name, LogPosition to) {
        Jdbc.inTransaction(dataSource, "move the checkpoint of " + name, c -> {
            PostgresUnitOfWork.lock(c, name);
            return Jdbc.update(c, SAVE, ps -> {
                ps.setString(1, name);
                ps.setString(2, Long.toString(to.transaction()));
                ps.setLong(3, to.position());
            });
        });
    }
}
