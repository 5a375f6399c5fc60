package org.bookworm.ordering.core.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderConfirmed;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderPlaced;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class EventFilterTest {
    private static final StreamType ORDER = StreamType.of("order");
    private static final StreamType CHECKOUT = StreamType.of("checkout");

    @Test
    void all_matches_every_event() {
        assertThat(EventFilter.ALL.matches(CHECKOUT, "Anything")).isTrue();
        assertThat(EventFilter.ALL.isAll()).isTrue();
        assertThat(EventFilter.ALL.andEvents(OrderPlaced.class)).isSameAs(EventFilter.ALL);
    }

    @Test
    void a_stream_filter_matches_every_type_of_its_streams_even_one_this_reader_does_not_know() {
        EventFilter orders = EventFilter.streams(ORDER);

        assertThat(orders.matches(ORDER, "OrderPlaced")).isTrue();
        assertThat(orders.matches(ORDER, "OrderRefundedInAFutureVersion")).isTrue();
        assertThat(orders.matches(CHECKOUT, "CheckoutStarted")).isFalse();
    }

    @Test
    void an_event_filter_matches_its_types_by_their_stored_names_in_any_stream() {
        EventFilter confirmed = EventFilter.events(OrderConfirmed.class).andEvents(OrderPlaced.class);

        assertThat(confirmed.eventTypes()).containsExactlyInAnyOrder("OrderConfirmed", "OrderPlaced");
        assertThat(confirmed.matches(CHECKOUT, "OrderConfirmed")).isTrue();
        assertThat(confirmed.matches(ORDER, "OrderCancelled")).isFalse();
        assertThat(EventFilter.streams(CHECKOUT).andEvents(OrderPlaced.class).matches(ORDER, "OrderPlaced"))
                .isTrue();
    }

    @Test
    void a_family_or_nothing_is_refused_with_a_clear_message() {
        assertThatThrownBy(() -> EventFilter.events(OrderEvent.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OrderEvent is a family");
        assertThatThrownBy(EventFilter::events)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EventFilter.ALL");
        assertThatThrownBy(EventFilter::streams)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EventFilter.ALL");
    }

    @Test
    void filters_with_the_same_streams_and_types_are_equal() {
        assertThat(EventFilter.events(OrderPlaced.class, OrderConfirmed.class))
                .isEqualTo(EventFilter.events(OrderConfirmed.class).andEvents(OrderPlaced.class))
                .hasSameHashCodeAs(EventFilter.events(OrderConfirmed.class).andEvents(OrderPlaced.class))
                .isNotEqualTo(EventFilter.ALL);
    }
}
