package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.SnapshotsContract;
import org.bookworm.ordering.core.eventsourcing.Snapshots;

class InMemorySnapshotsTest extends SnapshotsContract {
    @Override
    protected Snapshots emptySnapshots() {
        return new InMemorySnapshots();
    }
}
