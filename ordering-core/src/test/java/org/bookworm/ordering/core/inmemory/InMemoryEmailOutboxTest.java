package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.EmailOutboxContract;

class InMemoryEmailOutboxTest extends EmailOutboxContract {
    @Override
    protected Fixture emptyOutbox() {
        var outbox = new InMemoryEmailOutbox();
        return new Fixture(outbox, () -> {
            var process = outbox.newProcess();
            return new OtherProcess(process, process::close);
        });
    }
}
