package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.OrderViewsContract;
import org.bookworm.ordering.core.ordering.OrderViews;

class PostgresOrderViewsIT extends OrderViewsContract {
    @Override
    protected OrderViews emptyViews() {
        var pg = ContractDatabase.empty();
        return pg.orderViews();
    }
}
