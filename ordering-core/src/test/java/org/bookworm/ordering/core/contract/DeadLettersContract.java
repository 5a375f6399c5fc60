package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.contract.ContractFixtures.ORDER;
import static org.bookworm.ordering.core.contract.ContractFixtures.at;
import static org.bookworm.ordering.core.contract.ContractFixtures.orderStream;
import static org.bookworm.ordering.core.contract.ContractFixtures.placed;
import static org.bookworm.ordering.core.contract.ContractFixtures.recorded;

import org.bookworm.ordering.core.order.OrderEvent;
import org.bookworm.ordering.core.port.DeadLetters;
import org.bookworm.ordering.core.port.DeadLetters.DeadLetter;
import org.bookworm.ordering.core.port.RecordedEvent;
import org.bookworm.ordering.core.port.StreamId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract of {@link DeadLetters}: parked events per subscription, in the order they were parked, each at most
 * once, with the streams they block.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class DeadLettersContract {

    /** Fresh, empty dead letters; creating or truncating them is the implementation's job. */
    protected abstract DeadLetters emptyDeadLetters();

    private DeadLetters deadLetters;

    @BeforeEach
    final void createDeadLetters() {
        deadLetters = emptyDeadLetters();
    }

    private String implementation() {
        return getClass().getSimpleName();
    }

    @Test
    void nothing_is_parked_at_first() {
        assertThat(deadLetters.list("order-views")).as(implementation()).isEmpty();
        assertThat(deadLetters.parkedStreams("order-views"))
                .as(implementation())
                .isEmpty();
    }

    @Test
    void a_parked_event_is_listed_with_its_error_in_parking_order() {
        StreamId stream = orderStream();
        RecordedEvent first = recorded(stream, 1, 10, placed(ORDER));
        RecordedEvent second = recorded(stream, 2, 11, new OrderEvent.OrderConfirmed(ORDER, at(1)));

        deadLetters.park("order-views", first, "java.lang.IllegalStateException: boom ✗");
        deadLetters.park("order-views", second, "parked behind an earlier failed event");

        assertThat(deadLetters.list("order-views"))
                .as(implementation())
                .containsExactly(
                        new DeadLetter("order-views", first, "java.lang.IllegalStateException: boom ✗"),
                        new DeadLetter("order-views", second, "parked behind an earlier failed event"));
        assertThat(deadLetters.parkedStreams("order-views"))
                .as(implementation())
                .containsExactly(stream);
    }

    @Test
    void parked_streams_are_per_subscription() {
        StreamId mine = orderStream();
        StreamId theirs = orderStream();
        StreamId alsoMine = orderStream();
        deadLetters.park("order-views", recorded(mine, 1, 1, placed(ORDER)), "boom");
        deadLetters.park("checkout", recorded(theirs, 1, 2, placed(ORDER)), "boom");
        deadLetters.park("order-views", recorded(alsoMine, 1, 3, placed(ORDER)), "boom");

        assertThat(deadLetters.parkedStreams("order-views"))
                .as(implementation())
                .containsExactlyInAnyOrder(mine, alsoMine);
        assertThat(deadLetters.parkedStreams("checkout")).as(implementation()).containsExactly(theirs);
        assertThat(deadLetters.list("checkout")).as(implementation()).hasSize(1);
        assertThat(deadLetters.parkedStreams("buyer-views"))
                .as(implementation())
                .isEmpty();
    }

    @Test
    void parking_the_same_event_twice_keeps_one() {
        RecordedEvent event = recorded(orderStream(), 1, 1, placed(ORDER));

        deadLetters.park("order-views", event, "first failure");
        deadLetters.park("order-views", event, "second failure");

        assertThat(deadLetters.list("order-views"))
                .extracting(DeadLetter::event)
                .as(implementation())
                .containsExactly(event);
    }

    @Test
    void the_same_event_may_be_parked_by_two_subscriptions() {
        RecordedEvent event = recorded(orderStream(), 1, 1, placed(ORDER));

        deadLetters.park("order-views", event, "boom");
        deadLetters.park("checkout", event, "bang");

        assertThat(deadLetters.list("order-views")).as(implementation()).hasSize(1);
        assertThat(deadLetters.list("checkout"))
                .extracting(DeadLetter::error)
                .as(implementation())
                .containsExactly("bang");
    }
}
