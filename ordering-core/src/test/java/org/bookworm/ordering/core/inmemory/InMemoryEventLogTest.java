package org.bookworm.ordering.core.inmemory;

import java.time.InstantSource;
import org.bookworm.ordering.core.contract.EventLogContract;

class InMemoryEventLogTest extends EventLogContract {
    @Override
    protected Fixture emptyLog() {
        var store = new InMemoryEventStore(InstantSource.system());
        return new Fixture(store, store);
    }
}
