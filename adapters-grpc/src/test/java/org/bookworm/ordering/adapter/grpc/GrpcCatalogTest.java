package org.bookworm.ordering.adapter.grpc;

import java.time.Duration;
import java.util.Set;
import org.bookworm.ordering.core.basket.Catalog;
import org.bookworm.ordering.core.composition.Service;
import org.bookworm.ordering.core.contract.CatalogContract;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.bookworm.ordering.core.inmemory.InMemoryInventory;
import org.junit.jupiter.api.AfterEach;

/** The catalog contract through Basket's internal RPCs, on an in-memory catalog behind an in-process server. */
class GrpcCatalogTest extends CatalogContract {
    private InternalApi basket;

    @Override
    protected Catalog emptyCatalog() {
        basket = new InternalApi(
                Set.of(Service.BASKET),
                true,
                new OrderingApi.BasketPorts(new InMemoryInventory(), new InMemoryBasketStore(), new InMemoryCatalog()));
        return basket.catalog(Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        basket.close();
    }
}
