package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.CheckpointsContract;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;

class PostgresCheckpointsIT extends CheckpointsContract {
    @Override
    protected Checkpoints emptyCheckpoints() {
        var pg = ContractDatabase.empty();
        return pg.checkpoints();
    }
}
