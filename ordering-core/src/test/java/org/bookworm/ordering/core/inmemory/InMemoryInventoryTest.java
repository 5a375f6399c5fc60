package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.contract.InventoryContract;

class InMemoryInventoryTest extends InventoryContract {
    @Override
    protected Inventory emptyInventory() {
        return new InMemoryInventory();
    }
}
