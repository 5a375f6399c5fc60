package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.EmailOutboxContract;

class PostgresEmailOutboxIT extends EmailOutboxContract {
    @Override
    protected Fixture emptyOutbox() {
        var pg = ContractDatabase.empty();
        return new Fixture(pg.emailOutbox(), () -> {
            var process = pg.newClaimOwner();
            return new OtherProcess(process.emailOutbox(), process::close);
        });
    }
}
