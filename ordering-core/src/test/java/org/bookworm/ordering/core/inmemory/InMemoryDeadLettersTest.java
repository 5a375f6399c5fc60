package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.DeadLettersContract;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;

class InMemoryDeadLettersTest extends DeadLettersContract {
    @Override
    protected DeadLetters emptyDeadLetters() {
        return new InMemoryDeadLetters();
    }
}
