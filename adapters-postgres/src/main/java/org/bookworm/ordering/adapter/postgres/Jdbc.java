package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Connection and transaction scaffolding: every statement binds its parameters, nothing is spliced from input. While a
 * {@link PostgresUnitOfWork} runs a batch, the batch's connection is bound to its thread: every adapter call on that
 * thread through the same pool then joins the batch's transaction instead of taking a connection of its own.
 */
final class Jdbc {
    private static final ThreadLocal<@Nullable Bound> BOUND = new ThreadLocal<>();

    private Jdbc() {}

    /** The connection a unit of work bound to this thread for {@code dataSource}. */
    private record Bound(DataSource dataSource, Connection connection) {}

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs {@code work} with {@code c} bound to this thread for {@code dataSource}: the statements of every adapter on
     * this thread and pool go to {@code c}, inside the transaction its caller owns. Not reentrant for another pool.
     */
    static <T> T bound(DataSource dataSource, Connection c, Work<T> work) throws SQLException {
        Bound outer = BOUND.get();
        if (outer != null && (outer.dataSource() != dataSource || outer.connection() != c)) {
            throw new IllegalStateException("a unit of work is already running on this thread");
        }
        BOUND.set(new Bound(dataSource, c));
        try {
            return work.run(c);
        } finally {
            if (outer == null) {
                BOUND.remove();
            }
        }
    }

    /** The connection a unit of work bound to this thread for {@code dataSource}, if one runs. */
    static @Nullable Connection boundTo(DataSource dataSource) {
        Bound bound = BOUND.get();
        return bound != null && bound.dataSource() == dataSource ? bound.connection() : null;
    }

    static <T> T withConnection(DataSource dataSource, String what, Work<T> work) {
        Connection joined = boundTo(dataSource);
        if (joined != null) {
            return joinIn(dataSource, joined, what, work);
        }
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException failed) {
            throw SqlErrors.translate(what, failed);
        }
    }

    static <T> T inTransaction(DataSource dataSource, String what, Work<T> work) {
        Connection joined = boundTo(dataSource);
        if (joined != null) {
            return joinIn(
                    dataSource, joined, what, work); // the unit of work commits, or rolls back, for everyone in it
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException failed) {
                c.rollback();
                throw failed;
            }
        } catch (SQLException failed) {
            throw SqlErrors.translate(what, failed);
        }
    }

    /** Runs {@code work} in the batch's transaction; inside an attempt, after a savepoint that can undo it. */
    private static <T> T joinIn(DataSource dataSource, Connection c, String what, Work<T> work) {
        ViewBatch.beforeOwnStatement(dataSource);
        try {
            return work.run(c);
        } catch (SQLException failed) {
            throw SqlErrors.translate(what, failed);
        }
    }

    static <T> List<T> query(Connection c, String sql, Binder binder, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            var rows = new ArrayList<T>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        }
    }

    static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }
}
