package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.InventoryContract;
import org.bookworm.ordering.core.port.Inventory;

class InMemoryInventoryTest extends InventoryContract {
    @Override
    protected Inventory emptyInventory() {
        return new InMemoryInventory();
    }
}
