package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.EventStoreContract;

class PostgresEventStoreIT extends EventStoreContract {
    @Override
    protected Fixture emptyStore() {
        var pg = ContractDatabase.empty();
        return new Fixture(pg.eventStore(), pg.idempotencyKeys(), pg::newClaimOwner);
    }
}
