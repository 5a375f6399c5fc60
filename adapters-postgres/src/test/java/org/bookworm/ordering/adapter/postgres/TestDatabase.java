package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A fresh database per test class on the shared server (ORDERING_PG_URL, default loopback), dropped afterwards. The
 * server is never reconfigured. An unreachable server fails the test: it is never skipped.
 */
final class TestDatabase implements AutoCloseable {
    static final String ADMIN_URL = System.getenv().getOrDefault("ORDERING_PG_URL", PostgresConfig.DEFAULT_URL);

    final String name;
    final String url;

    private TestDatabase(String name) {
        this.name = name;
        this.url = withDatabase(ADMIN_URL, name);
    }

    static TestDatabase create() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        var db = new TestDatabase("ordering_it_" + HexFormat.of().formatHex(random));
        db.admin("CREATE DATABASE " + db.name);
        return db;
    }

    PostgresConfig config() {
        return new PostgresConfig(url, "", "", 8);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Empties every table between contract cases; the append-only trigger is lifted only inside this transaction. */
    void truncateAll() {
        try (Connection c = connect();
                Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("ALTER TABLE eventstore.events DISABLE TRIGGER events_no_truncate");
            st.execute("TRUNCATE eventstore.events, eventstore.idempotency, eventstore.checkpoints,"
                    + " eventstore.dead_letters, eventstore.held_lanes, eventstore.snapshots, ordering.order_views, ordering.buyer_views,"
                    + " basket.reservation_lines, basket.reservations, basket.stock, basket.shipments, basket.books,"
                    + " basket.stock_receipts, eventstore.partition_leases, eventstore.subscription_partitions,"
                    + " eventstore.lease_owners,"
                    + " finance.saga_deadlines, notification.email_outbox, notification.admin_requests");
            st.execute("ALTER TABLE eventstore.events ENABLE TRIGGER events_no_truncate");
            c.commit();
        } catch (SQLException failed) {
            throw new IllegalStateException("cannot empty the test database", failed);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    // The name is generated above from hex digits only, so it is safe to splice into DDL.
    private void admin(String ddl) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL);
                Statement st = c.createStatement()) {
            st.execute(ddl);
        } catch (SQLException failed) {
            throw new IllegalStateException(
                    "PostgreSQL at " + ADMIN_URL.replaceAll("password=[^&]*", "password=***")
                            + " is needed for this test: " + failed.getMessage(),
                    failed);
        }
    }

    static String withDatabase(String url, String database) {
        int hosts = url.indexOf("//") + 2;
        int slash = url.indexOf('/', hosts);
        int query = url.indexOf('?', hosts);
        String rest = query < 0 ? "" : url.substring(query);
        String base = slash < 0 || (query >= 0 && slash > query)
                ? url.substring(0, query < 0 ? url.length() : query)
                : url.substring(0, slash);
        return base + "/" + database + rest;
    }
}
