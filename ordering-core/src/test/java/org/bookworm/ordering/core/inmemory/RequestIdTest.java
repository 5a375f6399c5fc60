package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.CheckoutWorld;
import org.bookworm.ordering.core.contract.RequestIdContract;

/** The request-id suite on {@link InMemoryBookWorm}, composed as the end-to-end checkout suite composes it. */
class RequestIdTest extends RequestIdContract {
    @Override
    protected CheckoutWorld newWorld() {
        return new CheckoutEndToEndTest().newWorld();
    }
}
