package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.SnapshotsContract;
import org.bookworm.ordering.core.port.Snapshots;

class InMemorySnapshotsTest extends SnapshotsContract {
    @Override
    protected Snapshots emptySnapshots() {
        return new InMemorySnapshots();
    }
}
