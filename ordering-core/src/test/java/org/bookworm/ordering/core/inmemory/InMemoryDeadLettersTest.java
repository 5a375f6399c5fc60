package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.DeadLettersContract;
import org.bookworm.ordering.core.port.DeadLetters;

class InMemoryDeadLettersTest extends DeadLettersContract {
    @Override
    protected DeadLetters emptyDeadLetters() {
        return new InMemoryDeadLetters();
    }
}
