package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.DeadLettersContract;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;

class PostgresDeadLettersIT extends DeadLettersContract {
    @Override
    protected DeadLetters emptyDeadLetters() {
        var pg = ContractDatabase.empty();
        return pg.deadLetters();
    }
}
