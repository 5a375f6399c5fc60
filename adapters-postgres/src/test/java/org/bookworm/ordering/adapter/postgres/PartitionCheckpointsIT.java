package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The whole subscription's checkpoint over its partitions' (ADR 0034): the earliest partition's, a partition without a
 * row standing at the subscription's own; an operator's move of the checkpoint moves every partition.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class PartitionCheckpointsIT {
    private PostgresAdapters pg;
    private Checkpoints checkpoints;

    @BeforeEach
    void empty() {
        pg = ContractDatabase.empty();
        checkpoints = pg.checkpoints();
    }

    @Test
    void an_unpartitioned_subscription_reads_its_own_row() {
        checkpoints.save("order-views", new LogPosition(9, 9));

        assertThat(checkpoints.load("order-views")).isEqualTo(new LogPosition(9, 9));
    }

    @Test
    void the_whole_is_the_earliest_partition_and_a_partition_without_a_row_stands_at_the_subscriptions_row() {
        pg.leases(InstantSource.system()).partitions("order-views", 2);
        checkpoints.save("order-views", new LogPosition(3, 3));
        checkpoints.save("order-views#0", new LogPosition(7, 7));

        assertThat(checkpoints.load("order-views")).as("partition 1 has no row").isEqualTo(new LogPosition(3, 3));
        assertThat(checkpoints.load("order-views#1")).as("its own row only").isEqualTo(LogPosition.START);

        checkpoints.save("order-views#1", new LogPosition(5, 5));

        assertThat(checkpoints.load("order-views")).isEqualTo(new LogPosition(5, 5));
    }

    @Test
    void a_partition_never_saved_makes_the_whole_start_when_the_subscription_has_no_row() {
        pg.leases(InstantSource.system()).partitions("order-views", 2);
        checkpoints.save("order-views#0", new LogPosition(7, 7));

        assertThat(checkpoints.load("order-views")).isEqualTo(LogPosition.START);
    }

    @Test
    void moving_the_checkpoint_moves_every_partition() {
        pg.leases(InstantSource.system()).partitions("order-views", 2);
        checkpoints.save("order-views#0", new LogPosition(7, 7));
        checkpoints.save("order-views#1", new LogPosition(8, 8));
        checkpoints.save("order-views" + Projections.REBUILD_SUFFIX, new LogPosition(4, 4));

        Subscriptions.moveCheckpoint(pg.dataSource(), "order-views", new LogPosition(2, 2));

        assertThat(checkpoints.load("order-views" + Projections.REBUILD_SUFFIX))
                .as("a rebuild under way is not a partition: its checkpoint stays")
                .isEqualTo(new LogPosition(4, 4));

        assertThat(checkpoints.load("order-views#0"))
                .as("forgotten: it goes on from the moved one")
                .isEqualTo(LogPosition.START);
        assertThat(checkpoints.load("order-views")).isEqualTo(new LogPosition(2, 2));
    }
}
