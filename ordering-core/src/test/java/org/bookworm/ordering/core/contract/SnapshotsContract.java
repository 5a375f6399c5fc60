package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.contract.ContractFixtures.ORDER;
import static org.bookworm.ordering.core.contract.ContractFixtures.at;
import static org.bookworm.ordering.core.contract.ContractFixtures.orderStream;
import static org.bookworm.ordering.core.contract.ContractFixtures.partlyShippedHistory;
import static org.bookworm.ordering.core.contract.ContractFixtures.placed;

import java.util.List;
import org.bookworm.ordering.core.eventsourcing.Snapshot;
import org.bookworm.ordering.core.eventsourcing.Snapshots;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.CancelledBy;
import org.bookworm.ordering.core.ordering.FailureReason;
import org.bookworm.ordering.core.ordering.OrderDecider;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderState;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract of {@link Snapshots}: the latest folded state per stream and decider version, real order states
 * surviving a round trip, a newer snapshot never replaced by an older one.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class SnapshotsContract {
    private static final OrderDecider DECIDER = new OrderDecider();

    /** Fresh, empty snapshots; creating or truncating them is the implementation's job. */
    protected abstract Snapshots emptySnapshots();

    private Snapshots snapshots;

    @BeforeEach
    final void createSnapshots() {
        snapshots = emptySnapshots();
    }

    private String implementation() {
        return getClass().getSimpleName();
    }

    @Test
    void a_missing_snapshot_loads_empty() {
        assertThat(snapshots.load(orderStream(), OrderDecider.VERSION))
                .as(implementation())
                .isEmpty();
    }

    @Test
    void a_saved_snapshot_loads_back_equal() {
        StreamId stream = orderStream();
        OrderState state = DECIDER.fold(partlyShippedHistory(ORDER));
        var snapshot = new Snapshot(stream, 4, OrderDecider.VERSION, state);

        snapshots.save(snapshot);

        assertThat(snapshots.load(stream, OrderDecider.VERSION))
                .as(implementation())
                .contains(snapshot);
    }

    @Test
    void every_stage_of_an_order_survives_a_round_trip() {
        List<OrderEvent> partly = partlyShippedHistory(ORDER);
        List<List<OrderEvent>> histories = List.of(
                partly.subList(0, 1),
                partly.subList(0, 3),
                partly,
                List.of(placed(ORDER), new OrderEvent.OrderCancelled(ORDER, CancelledBy.BUYER, at(5))),
                List.of(
                        placed(ORDER),
                        new OrderEvent.OrderFailed(ORDER, FailureReason.OUT_OF_STOCK, at(5)),
                        new OrderEvent.OrderDeleted(ORDER, at(6))));
        for (List<OrderEvent> history : histories) {
            StreamId stream = orderStream();
            OrderState state = DECIDER.fold(history);

            snapshots.save(new Snapshot(stream, history.size(), OrderDecider.VERSION, state));

            assertThat(snapshots.load(stream, OrderDecider.VERSION).map(Snapshot::state))
                    .as(implementation() + ": " + state.getClass().getSimpleName())
                    .contains(state);
            assertThat(snapshots.load(stream, OrderDecider.VERSION).map(Snapshot::version))
                    .as(implementation())
                    .contains((long) history.size());
        }
    }

    @Test
    void a_snapshot_of_another_decider_version_is_not_returned() {
        StreamId stream = orderStream();
        snapshots.save(new Snapshot(stream, 1, OrderDecider.VERSION, DECIDER.fold(List.of(placed(ORDER)))));

        assertThat(snapshots.load(stream, OrderDecider.VERSION + 1))
                .as(implementation())
                .isEmpty();
    }

    @Test
    void an_older_snapshot_never_replaces_a_newer_one() {
        StreamId stream = orderStream();
        List<OrderEvent> history = partlyShippedHistory(ORDER);
        var newer = new Snapshot(stream, 4, OrderDecider.VERSION, DECIDER.fold(history));
        var older = new Snapshot(stream, 1, OrderDecider.VERSION, DECIDER.fold(history.subList(0, 1)));

        snapshots.save(newer);
        snapshots.save(older);

        assertThat(snapshots.load(stream, OrderDecider.VERSION))
                .as(implementation())
                .contains(newer);
    }

    @Test
    void a_newer_snapshot_replaces_an_older_one() {
        StreamId stream = orderStream();
        List<OrderEvent> history = partlyShippedHistory(ORDER);
        var older = new Snapshot(stream, 1, OrderDecider.VERSION, DECIDER.fold(history.subList(0, 1)));
        var newer = new Snapshot(stream, 4, OrderDecider.VERSION, DECIDER.fold(history));

        snapshots.save(older);
        snapshots.save(newer);

        assertThat(snapshots.load(stream, OrderDecider.VERSION))
                .as(implementation())
                .contains(newer);
    }

    @Test
    void snapshots_of_different_streams_are_independent() {
        StreamId first = orderStream();
        StreamId second = orderStream();
        var placedOnly = new Snapshot(first, 1, OrderDecider.VERSION, DECIDER.fold(List.of(placed(ORDER))));

        snapshots.save(placedOnly);

        assertThat(snapshots.load(first, OrderDecider.VERSION))
                .as(implementation())
                .contains(placedOnly);
        assertThat(snapshots.load(second, OrderDecider.VERSION))
                .as(implementation())
                .isEmpty();
    }
}
