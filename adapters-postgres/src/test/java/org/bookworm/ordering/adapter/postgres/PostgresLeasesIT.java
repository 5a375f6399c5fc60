package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.contract.LeasesContract;
import org.bookworm.ordering.core.eventsourcing.Leases;
import org.bookworm.ordering.core.testing.ManualClock;

class PostgresLeasesIT extends LeasesContract {
    @Override
    protected Leases emptyLeases(ManualClock clock) {
        return ContractDatabase.empty().leases(clock);
    }
}
