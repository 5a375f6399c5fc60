package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.SagaDeadlinesContract;
import org.bookworm.ordering.core.finance.SagaDeadlines;

class PostgresSagaDeadlinesIT extends SagaDeadlinesContract {
    @Override
    protected SagaDeadlines emptyDeadlines() {
        var pg = ContractDatabase.empty();
        return pg.sagaDeadlines();
    }
}
