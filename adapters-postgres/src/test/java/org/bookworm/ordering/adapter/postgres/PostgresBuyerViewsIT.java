package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.BuyerViewsContract;
import org.bookworm.ordering.core.ordering.BuyerViews;

class PostgresBuyerViewsIT extends BuyerViewsContract {
    @Override
    protected BuyerViews emptyViews() {
        var pg = ContractDatabase.empty();
        return pg.buyerViews();
    }
}
