package org.bookworm.ordering.core.inmemory;

import org.bookworm.ordering.core.contract.LeasesContract;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.Leases;
import org.bookworm.ordering.core.testing.ManualClock;

class InMemoryLeasesTest extends LeasesContract {
    private final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();

    @Override
    protected Leases emptyLeases(ManualClock clock) {
        return new InMemoryLeases(clock);
    }

    @Override
    protected Checkpoints checkpoints() {
        return checkpoints;
    }
}
