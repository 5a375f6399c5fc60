package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.contract.ContractFixtures.ORDER;
import static org.bookworm.ordering.core.contract.ContractFixtures.at;
import static org.bookworm.ordering.core.contract.ContractFixtures.orderStream;
import static org.bookworm.ordering.core.contract.ContractFixtures.placed;
import static org.bookworm.ordering.core.contract.ContractFixtures.recorded;

import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.DeadLetters.DeadLetter;
import org.bookworm.ordering.core.eventsourcing.DeadLetters.Hold;
import org.bookworm.ordering.core.eventsourcing.DeadLetters.Lane;
import org.bookworm.ordering.core.eventsourcing.DeadLetters.Status;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract of {@link DeadLetters}: held lanes per subscription, each with its state and its events in log order,
 * each event at most once; an operator's retry and drop.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class DeadLettersContract {
    private static final Hold RETRYING = Hold.retrying(1, at(5), "StoreUnavailable: the database is unavailable");
    private static final Hold PARKED = Hold.parked(1, at(5), "java.lang.IllegalStateException: boom ✗");

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
    void nothing_is_held_at_first() {
        assertThat(deadLetters.list("order-views")).as(implementation()).isEmpty();
        assertThat(deadLetters.lanes("order-views")).as(implementation()).isEmpty();
        assertThat(deadLetters.events("order-views", ORDER.value()))
                .as(implementation())
                .isEmpty();
    }

    @Test
    void a_held_event_starts_its_lane_and_later_events_queue_behind_it_in_log_order() {
        StreamId stream = orderStream();
        RecordedEvent first = recorded(stream, 1, 10, placed(ORDER));
        RecordedEvent second = recorded(stream, 2, 11, ContractFixtures.confirmed(ORDER, at(1)));

        deadLetters.hold("checkout", first, PARKED);
        deadLetters.hold("checkout", second, Hold.retrying(0, at(9), "behind"));

        assertThat(deadLetters.lanes("checkout"))
                .as(implementation())
                .containsExactly(new Lane("checkout", stream.id(), PARKED, 2));
        assertThat(deadLetters.events("checkout", stream.id()))
                .as(implementation())
                .containsExactly(first, second);
        assertThat(deadLetters.list("checkout"))
                .as(implementation())
                .containsExactly(
                        new DeadLetter("checkout", first, Status.PARKED, PARKED.error()),
                        new DeadLetter("checkout", second, Status.PARKED, PARKED.error()));
    }

    @Test
    void streams_that_share_an_id_share_a_lane() {
        StreamId order = orderStream();
        StreamId checkout = new StreamId(CheckoutSagaService.STREAM, order.id());
        RecordedEvent placed = recorded(order, 1, 1, placed(ORDER));
        RecordedEvent requested = recorded(checkout, 1, 2, placed(ORDER));

        deadLetters.hold("checkout", placed, RETRYING);
        deadLetters.hold("checkout", requested, PARKED);

        assertThat(deadLetters.lanes("checkout"))
                .as(implementation())
                .singleElement()
                .satisfies(lane -> {
                    assertThat(lane.id()).isEqualTo(order.id());
                    assertThat(lane.hold()).as("a held lane keeps its state").isEqualTo(RETRYING);
                    assertThat(lane.events()).isEqualTo(2);
                });
    }

    @Test
    void holding_an_event_again_or_one_older_than_the_lanes_last_changes_nothing() {
        StreamId stream = orderStream();
        RecordedEvent first = recorded(stream, 1, 10, placed(ORDER));
        RecordedEvent second = recorded(stream, 2, 11, ContractFixtures.confirmed(ORDER, at(1)));
        deadLetters.hold("checkout", first, RETRYING);
        deadLetters.hold("checkout", second, RETRYING);
        deadLetters.release("checkout", first);

        deadLetters.hold("checkout", second, PARKED);
        deadLetters.hold("checkout", first, PARKED);

        assertThat(deadLetters.events("checkout", stream.id()))
                .as(implementation())
                .containsExactly(second);
        assertThat(deadLetters.lanes("checkout").get(0).hold())
                .as(implementation())
                .isEqualTo(RETRYING);
    }

    @Test
    void a_lane_is_updated_released_event_by_event_and_gone_when_empty() {
        StreamId stream = orderStream();
        RecordedEvent first = recorded(stream, 1, 10, placed(ORDER));
        RecordedEvent second = recorded(stream, 2, 11, ContractFixtures.confirmed(ORDER, at(1)));
        deadLetters.hold("checkout", first, RETRYING);
        deadLetters.hold("checkout", second, RETRYING);
        Hold later = Hold.retrying(2, at(7), "RedisCommandTimeoutException");

        assertThat(deadLetters.update("checkout", stream.id(), later))
                .as(implementation())
                .isTrue();
        assertThat(deadLetters.lanes("checkout").get(0).hold())
                .as(implementation())
                .isEqualTo(later);
        deadLetters.release("checkout", first);
        assertThat(deadLetters.events("checkout", stream.id()))
                .as(implementation())
                .containsExactly(second);
        deadLetters.release("checkout", second);

        assertThat(deadLetters.lanes("checkout")).as(implementation()).isEmpty();
        assertThat(deadLetters.update("checkout", stream.id(), later))
                .as(implementation())
                .isFalse();
        deadLetters.release("checkout", second); // unknown: no change, no error
    }

    @Test
    void lanes_are_per_subscription_and_listed_longest_held_first() {
        RecordedEvent mine = recorded(orderStream(), 1, 1, placed(ORDER));
        RecordedEvent theirs = recorded(orderStream(), 1, 2, placed(ORDER));
        RecordedEvent alsoMine = recorded(orderStream(), 1, 3, placed(ORDER));
        deadLetters.hold("order-views", mine, PARKED);
        deadLetters.hold("checkout", theirs, RETRYING);
        deadLetters.hold("order-views", alsoMine, RETRYING);

        assertThat(deadLetters.lanes("order-views"))
                .extracting(Lane::id)
                .as(implementation())
                .containsExactly(mine.stream().id(), alsoMine.stream().id());
        assertThat(deadLetters.lanes("checkout"))
                .extracting(Lane::id)
                .containsExactly(theirs.stream().id());
        assertThat(deadLetters.lanes("buyer-views")).as(implementation()).isEmpty();
        assertThat(deadLetters.events("checkout", mine.stream().id()))
                .as(implementation())
                .isEmpty();
    }

    @Test
    void the_same_event_may_be_held_by_two_subscriptions() {
        RecordedEvent event = recorded(orderStream(), 1, 1, placed(ORDER));

        deadLetters.hold("order-views", event, PARKED);
        deadLetters.hold("checkout", event, RETRYING);

        assertThat(deadLetters.list("order-views")).as(implementation()).hasSize(1);
        assertThat(deadLetters.list("checkout"))
                .extracting(DeadLetter::status, DeadLetter::error)
                .as(implementation())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Status.RETRYING, RETRYING.error()));
    }

    @Test
    void dropping_a_lane_removes_it_and_its_events_and_says_how_many() {
        StreamId stream = orderStream();
        deadLetters.hold("checkout", recorded(stream, 1, 10, placed(ORDER)), PARKED);
        deadLetters.hold("checkout", recorded(stream, 2, 11, ContractFixtures.confirmed(ORDER, at(1))), PARKED);
        RecordedEvent other = recorded(orderStream(), 1, 12, placed(ORDER));
        deadLetters.hold("checkout", other, PARKED);

        assertThat(deadLetters.drop("checkout", stream.id()))
                .as(implementation())
                .isEqualTo(2);
        assertThat(deadLetters.drop("checkout", stream.id()))
                .as(implementation())
                .isZero();
        assertThat(deadLetters.drop("checkout", UUID.randomUUID()))
                .as(implementation())
                .isZero();
        assertThat(deadLetters.lanes("checkout"))
                .extracting(Lane::id)
                .containsExactly(other.stream().id());
    }

    @Test
    void a_held_event_keeps_every_field_and_an_error_with_nul_and_any_script_survives() {
        RecordedEvent event = recorded(orderStream(), 1, 1, placed(ORDER));
        String error = "boom \u0000 ✗ 📚";

        deadLetters.hold("checkout", event, Hold.parked(3, at(2), error));

        assertThat(deadLetters.events("checkout", event.stream().id()))
                .as(implementation())
                .containsExactly(event);
        assertThat(deadLetters.lanes("checkout").get(0).hold().attempts())
                .as(implementation())
                .isEqualTo(3);
        assertThat(deadLetters.lanes("checkout").get(0).hold().error())
                .as(implementation())
                .contains("boom", "📚");
    }
}
