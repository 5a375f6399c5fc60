package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.InventoryContract;
import org.bookworm.ordering.core.port.Inventory;

class PostgresInventoryIT extends InventoryContract {
    @Override
    protected Inventory emptyInventory() {
        var pg = ContractDatabase.empty();
        return pg.inventory();
    }
}
