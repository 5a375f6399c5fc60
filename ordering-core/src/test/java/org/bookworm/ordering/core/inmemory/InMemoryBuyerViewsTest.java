package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.BuyerViewsContract;
import org.bookworm.ordering.core.ordering.BuyerViews;

class InMemoryBuyerViewsTest extends BuyerViewsContract {
    @Override
    protected BuyerViews emptyViews() {
        return new InMemoryBuyerViews();
    }
}
