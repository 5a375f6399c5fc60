package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.VersionedCacheContract;
import org.bookworm.ordering.core.eventsourcing.VersionedCache;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderView;

class InMemoryVersionedCacheTest extends VersionedCacheContract {
    @Override
    protected VersionedCache<OrderId, OrderView> emptyCache() {
        return new InMemoryVersionedCache<>();
    }
}
