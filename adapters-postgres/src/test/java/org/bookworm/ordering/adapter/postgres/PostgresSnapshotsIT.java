package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.SnapshotsContract;
import org.bookworm.ordering.core.eventsourcing.Snapshots;

class PostgresSnapshotsIT extends SnapshotsContract {
    @Override
    protected Snapshots emptySnapshots() {
        var pg = ContractDatabase.empty();
        return pg.snapshots();
    }
}
