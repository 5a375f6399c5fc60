package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Session settings of an operator's reads: one snapshot, no statement timeout and no socket timeout (they may scan the
 * whole log; the pool's 5 s and 15 s are for requests). The pool puts the socket timeout back when the connection
 * returns to it, and the SET LOCALs end with the transaction.
 */
final class Admin {
    private Admin() {}

    /** Inside a transaction: read-only, repeatable read (one snapshot), and no statement timeout. */
    static void readOnlySnapshot(Connection c) throws SQLException {
        c.setNetworkTimeout(Runnable::run, 0);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
            st.execute("SET LOCAL statement_timeout = 0");
        }
    }

    /** Inside a transaction: no statement timeout (a rebuild's or a verify's long statements). */
    static void noStatementTimeout(Connection c) throws SQLException {
        c.setNetworkTimeout(Runnable::run, 0);
        try (Statement st = c.createStatement()) {
            st.execute("SET LOCAL statement_timeout = 0");
        }
    }
}
