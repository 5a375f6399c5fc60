package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.contract.InventoryContract;

class PostgresInventoryIT extends InventoryContract {
    @Override
    protected Inventory emptyInventory() {
        var pg = ContractDatabase.empty();
        return pg.inventory();
    }
}
