package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.SagaDeadlinesContract;
import org.bookworm.ordering.core.finance.SagaDeadlines;

class InMemorySagaDeadlinesTest extends SagaDeadlinesContract {
    @Override
    protected SagaDeadlines emptyDeadlines() {
        return new InMemorySagaDeadlines();
    }
}
