package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.EmailOutboxContract;
import org.bookworm.ordering.core.notification.EmailOutbox;

class PostgresEmailOutboxIT extends EmailOutboxContract {
    @Override
    protected EmailOutbox emptyOutbox() {
        var pg = ContractDatabase.empty();
        return pg.emailOutbox();
    }
}
