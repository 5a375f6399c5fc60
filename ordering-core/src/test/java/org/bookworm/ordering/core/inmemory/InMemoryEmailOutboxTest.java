package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.EmailOutboxContract;
import org.bookworm.ordering.core.notification.EmailOutbox;

class InMemoryEmailOutboxTest extends EmailOutboxContract {
    @Override
    protected EmailOutbox emptyOutbox() {
        return new InMemoryEmailOutbox();
    }
}
