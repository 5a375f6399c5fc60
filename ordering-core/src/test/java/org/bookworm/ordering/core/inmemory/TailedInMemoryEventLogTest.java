package org.bookworm.ordering.core.inmemory;

import java.time.InstantSource;
import org.bookworm.ordering.core.contract.TailedEventLogContract;

class TailedInMemoryEventLogTest extends TailedEventLogContract {
    @Override
    protected Fixture emptySource() {
        var store = new InMemoryEventStore(InstantSource.system());
        return new Fixture(store, store);
    }
}
