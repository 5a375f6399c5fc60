package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.EventStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The same contract with group commit off: one transaction per append. */
class PostgresEventStoreAloneIT extends EventStoreContract {
    @RegisterExtension
    static final PostgresTestDatabase pg = PostgresTestDatabase.withoutGroupCommit();

    @Override
    protected Fixture emptyStore() {
        pg.db().truncateAll();
        var adapters = pg.adapters();
        return new Fixture(adapters.eventStore(), adapters.idempotencyKeys(), adapters::newClaimOwner);
    }
}
