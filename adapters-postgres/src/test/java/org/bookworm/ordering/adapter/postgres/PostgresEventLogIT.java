package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.EventLogContract;

class PostgresEventLogIT extends EventLogContract {
    @Override
    protected Fixture emptyLog() {
        var pg = ContractDatabase.empty();
        return new Fixture(pg.eventStore(), pg.eventLog());
    }
}
