package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.IntSupplier;
import javax.sql.DataSource;

/**
 * One rebuild of a projection at a time: a session advisory lock held on a connection of its own for the whole
 * rebuild (the batches' locks are per transaction and cannot say a rebuild is under way between them). A second
 * rebuild is refused at once, naming the backend that holds the lock; a killed rebuild's lock ends with its session.
 */
final class RebuildLock {
    private static final int LOCK_CLASS = 0x0b00d;
    private static final String TRY = "SELECT pg_try_advisory_lock(?, hashtext(?))";
    private static final String UNLOCK = "SELECT pg_advisory_unlock(?, hashtext(?))";
    private static final String HOLDER = "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = ?::oid"
            + " AND objid = ((hashtext(?)::int8 + 4294967296) % 4294967296)::oid AND objsubid = 2 AND granted LIMIT 1";

    private RebuildLock() {}

    static int holding(DataSource dataSource, String projection, IntSupplier rebuild) {
        return Jdbc.withConnection(dataSource, "lock the rebuild of " + projection, c -> {
            if (!lock(c, TRY, projection)) {
                throw new RebuildRunning(projection, holder(c, projection));
            }
            try {
                return rebuild.getAsInt();
            } finally {
                lock(c, UNLOCK, projection);
            }
        });
    }

    private static boolean lock(Connection c, String sql, String projection) throws SQLException {
        return Jdbc.query(
                        c,
                        sql,
                        ps -> {
                            ps.setInt(1, LOCK_CLASS);
                            ps.setString(2, projection);
                        },
                        rs -> rs.getBoolean(1))
                .get(0);
    }

    private static String holder(Connection c, String projection) throws SQLException {
        return Jdbc.query(
                        c,
                        HOLDER,
                        ps -> {
                            ps.setInt(1, LOCK_CLASS);
                            ps.setString(2, projection);
                        },
                        rs -> "backend pid " + rs.getInt(1))
                .stream()
                .findFirst()
                .orElse("a session that just ended");
    }
}
