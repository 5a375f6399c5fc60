package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.bookworm.ordering.core.contract.LeasesContract;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.Leases;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.testing.ManualClock;
import org.junit.jupiter.api.Test;

class PostgresLeasesIT extends LeasesContract {
    private PostgresAdapters pg;

    @Override
    protected Leases emptyLeases(ManualClock clock) {
        pg = ContractDatabase.empty();
        return pg.leases(clock);
    }

    @Override
    protected Checkpoints checkpoints() {
        return pg.checkpoints();
    }

    /**
     * A partition owner's checkpoint save outside a projection's batch (every reactor pass, issue 13) is one
     * statement, the lease's check in it: not a transaction of its own around a check and a save.
     */
    @Test
    void a_fenced_checkpoint_save_is_one_statement() {
        var clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
        var counter = new StatementCounter(pg.dataSource());
        var leases = new PostgresLeases(counter.dataSource(), clock);
        var checkpoints = new PostgresCheckpoints(counter.dataSource());
        var lease =
                leases.claim("checkout-saga", 0, "a", Duration.ofSeconds(10)).orElseThrow();
        counter.take();

        leases.saveFenced(lease, checkpoints, "checkout-saga#0", new LogPosition(3, 4));

        assertThat(counter.take()).isEqualTo(1);
        assertThat(checkpoints.load("checkout-saga#0")).isEqualTo(new LogPosition(3, 4));
    }
}
