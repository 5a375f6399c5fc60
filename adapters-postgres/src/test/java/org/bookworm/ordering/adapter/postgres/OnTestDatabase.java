package org.bookworm.ordering.adapter.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * An integration test on a database of its own: created, migrated and given its adapters before the class's first
 * test, and closed and dropped after its last. The fixture every such IT used to spell out for itself.
 */
abstract class OnTestDatabase {
    static TestDatabase db;
    static PostgresAdapters pg;

    @BeforeAll
    static void startDatabase() {
        db = TestDatabase.create();
        pg = PostgresAdapters.start(db.config());
    }

    @AfterAll
    static void stopDatabase() {
        pg.close();
        db.close();
    }
}
