package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.VersionedCacheContract;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.port.OrderView;
import org.bookworm.ordering.core.port.VersionedCache;

class InMemoryVersionedCacheTest extends VersionedCacheContract {
    @Override
    protected VersionedCache<OrderId, OrderView> emptyCache() {
        return new InMemoryVersionedCache<>();
    }
}
