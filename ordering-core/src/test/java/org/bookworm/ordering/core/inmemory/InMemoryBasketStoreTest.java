package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.contract.BasketStoreContract;

class InMemoryBasketStoreTest extends BasketStoreContract {
    @Override
    protected BasketStore emptyStore() {
        return new InMemoryBasketStore();
    }
}
