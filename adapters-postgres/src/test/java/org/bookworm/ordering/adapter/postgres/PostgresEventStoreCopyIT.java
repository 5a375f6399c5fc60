package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.EventStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The same contract with every append of one event or more written by COPY (ADR 0042), as large appends are. */
class PostgresEventStoreCopyIT extends EventStoreContract {
    private static TestDatabase db;
    private static PostgresAdapters pg;
    private static PostgresEventStore store;

    @Override
    protected Fixture emptyStore() {
        if (db == null) {
            db = TestDatabase.create();
            pg = PostgresAdapters.start(db.config());
            store = new PostgresEventStore(pg.dataSource(), pg.codec(), 2, PostgresEventStore.TURN_HOLD, 1);
        }
        db.truncateAll();
        return new Fixture(store, pg.idempotencyKeys(), pg::newClaimOwner);
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            store.close();
            pg.close();
            db.close();
        }
    }
}
