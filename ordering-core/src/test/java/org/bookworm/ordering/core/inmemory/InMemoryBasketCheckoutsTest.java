package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.BasketCheckoutsContract;

class InMemoryBasketCheckoutsTest extends BasketCheckoutsContract {
    @Override
    protected Baskets emptyBaskets() {
        var store = new InMemoryBasketStore();
        return new Baskets(store, store);
    }
}
