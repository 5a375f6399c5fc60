package org.bookworm.ordering.core.inmemory;

import java.time.InstantSource;
import org.bookworm.ordering.core.contract.EventStoreContract;

class InMemoryEventStoreTest extends EventStoreContract {
    @Override
    protected Fixture emptyStore() {
        var store = new InMemoryEventStore(InstantSource.system());
        return new Fixture(store, store, store::newClaimOwner);
    }
}
