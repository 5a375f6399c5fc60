package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.OrderViewsContract;
import org.bookworm.ordering.core.ordering.OrderViews;

class InMemoryOrderViewsTest extends OrderViewsContract {
    @Override
    protected OrderViews emptyViews() {
        return new InMemoryOrderViews();
    }
}
