package org.bookworm.ordering.adapter.grpc;

import java.time.Duration;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.contract.InventoryContract;
import org.bookworm.ordering.core.inmemory.InMemoryInventory;
import org.junit.jupiter.api.AfterEach;

/** The inventory contract through Basket's internal RPCs, on an in-memory inventory behind an in-process server. */
class GrpcInventoryTest extends InventoryContract {
    private InternalApi basket;

    @Override
    protected Inventory emptyInventory() {
        basket = InternalApi.basket(new InMemoryInventory());
        return basket.inventory(basket.token, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        basket.close();
    }
}
