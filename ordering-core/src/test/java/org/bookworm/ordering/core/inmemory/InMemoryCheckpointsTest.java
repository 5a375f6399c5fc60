package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.CheckpointsContract;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;

class InMemoryCheckpointsTest extends CheckpointsContract {
    @Override
    protected Checkpoints emptyCheckpoints() {
        return new InMemoryCheckpoints();
    }
}
