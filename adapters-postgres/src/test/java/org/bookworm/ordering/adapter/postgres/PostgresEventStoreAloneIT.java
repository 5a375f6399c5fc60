package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.EventStoreContract;
import org.junit.jupiter.api.AfterAll;

/** The same contract with group commit off: one transaction per append. */
class PostgresEventStoreAloneIT extends EventStoreContract {
    private static TestDatabase db;
    private static PostgresAdapters pg;

    @Override
    protected Fixture emptyStore() {
        if (db == null) {
            db = TestDatabase.create();
            pg = PostgresAdapters.startWithoutGroupCommit(db.config());
        }
        db.truncateAll();
        return new Fixture(pg.eventStore(), pg.idempotencyKeys(), pg::newClaimOwner);
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
            db.close();
        }
    }
}
