package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bookworm.ordering.core.contract.LeasesContract;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.Leases;
import org.bookworm.ordering.core.eventsourcing.Leases.FencedSave;
import org.bookworm.ordering.core.eventsourcing.Leases.Lease;
import org.bookworm.ordering.core.eventsourcing.Leases.LeaseLost;
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
     * A process frozen inside its heartbeat's transaction (SIGSTOP, as LeaseFencingIT does) holds the rows it touched
     * until PostgreSQL ends its session. Another owner's heartbeat must not wait for them: forgetting lapsed owners
     * is housekeeping and skips the rows another transaction holds. Before, it waited out lock_timeout and failed, and
     * a process starting then exited.
     */
    @Test
    void a_heartbeat_does_not_wait_for_a_lapsed_owners_row_another_transaction_holds() throws Exception {
        var clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
        var leases = pg.leases(clock);
        leases.heartbeat("order-views", "frozen", Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(10)); // the frozen owner's heartbeat has lapsed
        try (Connection frozen = pg.dataSource().getConnection()) {
            frozen.setAutoCommit(false);
            try (Statement st = frozen.createStatement()) {
                st.executeUpdate("UPDATE eventstore.lease_owners SET expires_at = expires_at WHERE owner = 'frozen'");
            }

            assertThat(leases.heartbeat("order-views", "live", Duration.ofSeconds(5)))
                    .containsExactly("live");
            frozen.rollback();
        }
        assertThat(leases.heartbeat("order-views", "live", Duration.ofSeconds(5)))
                .as("once the row is free, the lapsed owner is forgotten")
                .containsExactly("live");
        try (Connection c = pg.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM eventstore.lease_owners WHERE owner = 'frozen'")) {
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
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

    /**
     * An owner's pass over several partitions (ADR 0034's update of 2026-12-07) loads their checkpoints in one
     * statement and saves them in one, each checked against its own lease; a lease taken over refuses its own save.
     */
    @Test
    void several_partitions_checkpoints_load_in_one_statement_and_save_fenced_in_one() {
        var clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
        var counter = new StatementCounter(pg.dataSource());
        var leases = new PostgresLeases(counter.dataSource(), clock);
        var checkpoints = new PostgresCheckpoints(counter.dataSource());
        var held = new ArrayList<Lease>();
        for (int partition = 0; partition < 3; partition++) {
            held.add(leases.claim("checkout-saga", partition, "a", Duration.ofSeconds(10))
                    .orElseThrow());
        }
        leases.release(held.get(2));
        leases.claim("checkout-saga", 2, "b", Duration.ofSeconds(10)).orElseThrow();
        counter.take();

        assertThatThrownBy(() -> leases.saveFenced(
                        checkpoints,
                        List.of(
                                new FencedSave(held.get(0), "checkout-saga#0", new LogPosition(3, 4)),
                                new FencedSave(held.get(1), "checkout-saga#1", new LogPosition(3, 5)),
                                new FencedSave(held.get(2), "checkout-saga#2", new LogPosition(3, 6)))))
                .isInstanceOfSatisfying(
                        LeaseLost.class, lost -> assertThat(lost.leases()).containsExactly(held.get(2)));
        assertThat(counter.take()).as("statements of the save").isEqualTo(1);
        assertThat(checkpoints.loadAll(List.of("checkout-saga#0", "checkout-saga#1", "checkout-saga#2")))
                .containsExactly(
                        entry("checkout-saga#0", new LogPosition(3, 4)),
                        entry("checkout-saga#1", new LogPosition(3, 5)),
                        entry("checkout-saga#2", LogPosition.START));
        assertThat(counter.take()).as("statements of the load").isEqualTo(1);
    }

    /**
     * A pass over several partitions takes the locks it can: a partition whose batch another transaction holds (a
     * paused owner's, ADR 0034 decision 7) is left out alone, and the others run.
     */
    @Test
    void a_pass_over_several_partitions_runs_those_whose_lock_it_gets() throws Exception {
        var unit = new PostgresUnitOfWork(pg.dataSource());
        try (var paused = pg.dataSource().getConnection()) {
            paused.setAutoCommit(false);
            assertThat(PostgresUnitOfWork.tryLock(paused, "counted-views#1")).isTrue();
            var ran = new ArrayList<List<String>>();

            int read = unit.batch(
                    "counted-views", List.of("counted-views#0", "counted-views#1", "counted-views#2"), locked -> {
                        ran.add(locked);
                        return 7;
                    });

            assertThat(read).isEqualTo(7);
            assertThat(ran).containsExactly(List.of("counted-views#0", "counted-views#2"));
            paused.rollback();
        }
        try (var reset = pg.dataSource().getConnection()) {
            reset.setAutoCommit(false);
            PostgresUnitOfWork.lock(reset, "counted-views"); // an operator's reset: the whole subscription, exclusively
            var ran = new ArrayList<List<String>>();

            int read = unit.batch("counted-views", List.of("counted-views#0", "counted-views#1"), locked -> {
                ran.add(locked);
                return 7;
            });

            assertThat(read)
                    .as("no partition runs while the whole subscription is locked")
                    .isZero();
            assertThat(ran).isEmpty();
            reset.rollback();
        }
    }
}
