package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.LogPosition;

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

    private Subscriptions() {}

    static SubscriptionState state(Connection c, String name, List<DeadLetters.Lane> lanes, Instant now)
            throws SQLException {
        var checkpoint = checkpoint(c, name);
        LogPosition position =
                checkpoint.map(PostgresCheckpoints.Stored::position).orElse(LogPosition.START);
        var lag = Backlogs.unread(c, position, Long.MAX_VALUE);
        int retrying = (int) lanes.stream()
                .filter(lane -> lane.hold().status() == DeadLetters.Status.RETRYING)
                .count();
        return new SubscriptionState(
                name,
                position,
                checkpoint.map(PostgresCheckpoints.Stored::updatedAt).orElse(null),
                lag.events(),
                lag.first().map(first -> Duration.between(first, now)).orElse(null),
                retrying,
                lanes.size() - retrying,
                checkpoint(c, name + Projections.REBUILD_SUFFIX)
                        .map(PostgresCheckpoints.Stored::position)
                        .orElse(null),
                owners(c));
    }

    /** The whole subscription's checkpoint: its earliest partition's (see {@link PostgresCheckpoints}). */
    private static Optional<PostgresCheckpoints.Stored> checkpoint(Connection c, String name) throws SQLException {
        return PostgresCheckpoints.stored(c, name);
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
            PostgresCheckpoints.forgetPartitions(c, name); // every partition goes on from the moved checkpoint
            PostgresCheckpoints.save(c, name, to);
            return null;
        });
    }
}
