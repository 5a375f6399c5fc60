package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The contract of {@link Checkpoints}: one position per subscription, the start until one is saved. */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class CheckpointsContract {

    /** Fresh, empty checkpoints; creating or truncating them is the implementation's job. */
    protected abstract Checkpoints emptyCheckpoints();

    private Checkpoints checkpoints;

    @BeforeEach
    final void createCheckpoints() {
        checkpoints = emptyCheckpoints();
    }

    private String implementation() {
        return getClass().getSimpleName();
    }

    @Test
    void an_unknown_subscription_starts_at_the_start() {
        assertThat(checkpoints.load("order-views")).as(implementation()).isEqualTo(LogPosition.START);
    }

    @Test
    void a_saved_position_loads_back() {
        var position = new LogPosition(7_000_000_123L, 42);

        checkpoints.save("order-views", position);

        assertThat(checkpoints.load("order-views")).as(implementation()).isEqualTo(position);
    }

    @Test
    void subscriptions_are_independent() {
        checkpoints.save("order-views", new LogPosition(5, 5));
        checkpoints.save("buyer-views", new LogPosition(9, 9));

        assertThat(checkpoints.load("order-views")).as(implementation()).isEqualTo(new LogPosition(5, 5));
        assertThat(checkpoints.load("buyer-views")).as(implementation()).isEqualTo(new LogPosition(9, 9));
        assertThat(checkpoints.load("checkout")).as(implementation()).isEqualTo(LogPosition.START);
    }

    @Test
    void a_later_save_overwrites_the_position() {
        checkpoints.save("order-views", new LogPosition(5, 5));
        checkpoints.save("order-views", new LogPosition(6, 11));

        assertThat(checkpoints.load("order-views")).as(implementation()).isEqualTo(new LogPosition(6, 11));
    }

    @Test
    void several_checkpoints_load_at_once_each_as_it_loads_alone_in_the_order_asked() {
        checkpoints.save("order-views#3", new LogPosition(5, 5));
        checkpoints.save("order-views#0", new LogPosition(6, 11));

        assertThat(checkpoints.loadAll(List.of("order-views#3", "order-views#1", "order-views#0")))
                .as(implementation())
                .containsExactly(
                        entry("order-views#3", new LogPosition(5, 5)),
                        entry("order-views#1", LogPosition.START),
                        entry("order-views#0", new LogPosition(6, 11)));
    }
}
