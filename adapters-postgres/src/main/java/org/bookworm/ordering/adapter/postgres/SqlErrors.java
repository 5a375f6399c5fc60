package org.bookworm.ordering.adapter.postgres;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;

/** Maps PostgreSQL errors to the ports' exceptions; the version conflict is mapped here and nowhere else. */
final class SqlErrors {
    static final String VERSION_CONSTRAINT = "events_stream_version_key";

    private SqlErrors() {}

    /** A unique violation of (stream_type, stream_id, version) is another writer's append: the one conflict mapping. */
    static @Nullable ConcurrencyConflict versionConflict(SQLException error, StreamId stream, long expectedVersion) {
        if ("23505".equals(error.getSQLState())
                && error instanceof PSQLException psql
                && psql.getServerErrorMessage() != null
                && VERSION_CONSTRAINT.equals(psql.getServerErrorMessage().getConstraint())) {
            return new ConcurrencyConflict(stream, expectedVersion);
        }
        return null;
    }

    /** Connection loss, pool exhaustion, statement or lock timeouts: nothing is known to be written, retry later. */
    static boolean isUnavailable(SQLException error) {
        String state = error.getSQLState();
        return error instanceof SQLTransientConnectionException
                || state == null
                || state.startsWith("08")
                || state.startsWith("57")
                || state.startsWith("53")
                || "55P03".equals(state)
                || "40P01".equals(state)
                || "40001".equals(state);
    }

    /** The connection itself failed: the outcome of a commit in flight is unknown. */
    static boolean isConnectionLost(SQLException error) {
        String state = error.getSQLState();
        return error instanceof SQLTransientConnectionException || state == null || state.startsWith("08");
    }

    static RuntimeException translate(String what, SQLException error) {
        if (isUnavailable(error)) {
            return new StoreUnavailable(what + ": the database is unavailable (" + error.getSQLState() + ")", error);
        }
        return new IllegalStateException(what + " failed (" + error.getSQLState() + ")", error);
    }
}
