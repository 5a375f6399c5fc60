package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.eventsourcing.LeaseKeeper;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.PartitionedSubscription;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.testing.ManualClock;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a process's passes over the partitions it holds cost PostgreSQL (ADR 0034's update of 2026-12-07): a
 * projection split in eight, all held by one process, drains the same events in as many statements (transaction
 * locks, held lanes, checkpoint loads and fenced saves; the log's reads are not counted) as one split in one.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class PartitionPassStatementsIT {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));

    @RegisterExtension
    final PostgresTestDatabase pg = new PostgresTestDatabase();

    /** What draining cost: the statements, the passes (one lock statement each) and the loads they sent. */
    private record Drained(int statements, int passes, int loads, int saves) {}

    /** Statements a projection split into {@code partitions}, all held here, takes to drain the log. */
    private Drained drained(String name, int partitions) {
        var counter = new StatementCounter(pg.adapters().dataSource());
        var counted = counter.dataSource();
        var checkpoints = new PostgresCheckpoints(counted);
        var deadLetters = new PostgresDeadLetters(counted, EventCodec.standard());
        var leases = new PostgresLeases(counted, clock);
        var keeper = new LeaseKeeper(
                leases, "owner-of-" + name, new LeaseKeeper.Settings(partitions, Duration.ofSeconds(10)), clock);
        var whole = new Subscription(
                name,
                pg.adapters().eventLog(),
                checkpoints,
                deadLetters,
                event -> {},
                10,
                1,
                Subscription.Retries.on(clock),
                new PostgresUnitOfWork(counted));
        var subscription = new PartitionedSubscription(
                whole, keeper, leases, checkpoints, deadLetters, pg.adapters().eventLog(), clock);
        keeper.tick();
        assertThat(keeper.held(name)).hasSize(partitions);
        counter.take();
        counter.takeSql();

        subscription.drain();

        int statements = counter.take();
        List<String> sql = counter.takeSql();
        int passes = (int) sql.stream()
                .filter(text -> text.contains("pg_try_advisory_xact_lock"))
                .count();
        // a load reads the checkpoints or the held lanes: a SELECT, or a WITH that inserts nothing
        int loads = (int) sql.stream()
                .filter(text -> text.contains("eventstore.checkpoints") || text.contains("eventstore.held_lanes"))
                .filter(text -> !text.contains("INSERT") && !text.contains("DELETE") && !text.contains("UPDATE"))
                .count();
        assertThat(pg.adapters().checkpoints().load(name))
                .as(name + " drained")
                .isEqualTo(pg.adapters()
                        .eventLog()
                        .readAfter(LogPosition.START, 10_000)
                        .getLast()
                        .position());
        int saves = (int) sql.stream()
                .filter(text -> text.contains("INSERT INTO eventstore.checkpoints"))
                .count();
        return new Drained(statements, passes, loads, saves);
    }

    @Test
    void eight_partitions_held_by_one_process_drain_in_the_statements_of_one() {
        var stores = PostgresTestDatabase.storesOf(pg.adapters());
        var service = new OrderService(stores);
        for (int i = 0; i < 24; i++) {
            service.place(Caller.buyer(Samples.BUYER), null, Samples.buyer(), Samples.ADDRESS, Samples.lines());
        }

        Drained one = drained("views-in-one", 1);
        Drained eight = drained("views-in-eight", 8);

        assertThat(List.of(one.statements(), eight.statements()))
                .as("statements with one partition, with eight")
                .containsExactly(one.statements(), one.statements());
        // ADR 0050: a pass loads its checkpoints and its held lanes in one statement (two before)
        assertThat(one.passes()).as("passes of one partition").isGreaterThan(2);
        assertThat(List.of(one, eight))
                .as("loads of one partition's passes, of eight's")
                .allSatisfy(drained -> assertThat(drained.loads()).isEqualTo(drained.passes()));
        assertThat(one.statements())
                .as("a pass's lock, its load and its fenced save, nothing else (%s)", one)
                .isEqualTo(one.passes() + one.loads() + one.saves());
    }
}
