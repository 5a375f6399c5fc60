package org.bookworm.ordering.adapter.postgres;

/**
 * One database and one set of adapters shared by every contract suite of this test JVM, emptied before each case
 * (the suites ask for a fresh, empty store per test; a database per case would cost seconds each). Dropped when the
 * JVM exits.
 */
final class ContractDatabase {
    private static TestDatabase db;
    private static PostgresAdapters adapters;

    private ContractDatabase() {}

    /** The shared adapters over emptied tables. */
    static synchronized PostgresAdapters empty() {
        if (db == null) {
            db = TestDatabase.create();
            adapters = PostgresAdapters.start(db.config());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                adapters.close();
                db.close();
            }));
        }
        db.truncateAll();
        return adapters;
    }

    /** A connection of its own to the shared database (a suite's case that holds a transaction open). */
    static synchronized java.sql.Connection connect() throws java.sql.SQLException {
        if (db == null) {
            throw new IllegalStateException("ask for empty() adapters first");
        }
        return db.connect();
    }
}
