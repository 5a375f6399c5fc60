package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.testing.Shop.DUNE;
import static org.bookworm.ordering.core.testing.Shop.OFFICE;
import static org.bookworm.ordering.core.testing.Shop.admin;
import static org.bookworm.ordering.core.testing.Shop.alice;
import static org.bookworm.ordering.core.testing.Shop.checkout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.testing.Shop;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class OrderQueriesTest {
    private final Shop shop = new Shop();
    private final OrderService orders = shop.ordering.orders;
    private final OrderQueries queries = shop.ordering.queries;

    @Test
    void as_of_an_instant_shows_the_order_as_it_was_then() {
        Instant placedAt = shop.clock.instant();
        OrderId order = shop.placedByAlice();
        Instant confirmedAt = shop.later();
        orders.confirm(checkout, order);
        Instant movedAt = shop.later();
        orders.modify(alice, null, order, Modification.shipTo(OFFICE));
        Instant shippedAt = shop.later();
        orders.ship(admin, order, List.of(new LineQuantity(DUNE, Quantity.of(1))));
        shop.later();

        assertThat(queries.asOf(alice, order, placedAt.minusMillis(1)))
                .as("before it was placed")
                .isEmpty();
        assertThat(statusAsOf(order, placedAt)).isEqualTo(OrderStatus.PLACED);
        assertThat(statusAsOf(order, confirmedAt.minusMillis(1))).isEqualTo(OrderStatus.PLACED);
        assertThat(statusAsOf(order, confirmedAt)).isEqualTo(OrderStatus.CONFIRMED);
        OrderView beforeTheMove =
                queries.asOf(alice, order, movedAt.minusSeconds(1)).orElseThrow();
        assertThat(beforeTheMove.shippingAddress()).isEqualTo(Shop.HOME);
        assertThat(beforeTheMove.version()).isEqualTo(2);
        OrderView moved = queries.asOf(alice, order, shippedAt.minusSeconds(1)).orElseThrow();
        assertThat(moved.shippingAddress()).isEqualTo(OFFICE);
        assertThat(moved.status()).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(moved.updatedAt()).isEqualTo(movedAt);
        OrderView now = queries.asOf(alice, order, shop.clock.instant()).orElseThrow();
        assertThat(now.status()).isEqualTo(OrderStatus.PARTIALLY_SHIPPED);
        assertThat(now.version()).isEqualTo(4);
    }

    @Test
    void as_of_now_equals_the_live_read_model() {
        OrderId order = shop.confirmedByAlice();
        shop.later();
        orders.shipAll(admin, order);
        shop.ordering.drain();

        assertThat(queries.asOf(alice, order, shop.clock.instant())).isEqualTo(queries.find(alice, order));
    }

    @Test
    void history_returns_every_event_oldest_first_with_its_recording_time() {
        Instant placedAt = shop.clock.instant();
        OrderId order = shop.placedByAlice();
        Instant cancelledAt = shop.clock.advance(Duration.ofHours(2));
        orders.cancel(alice, null, order);

        List<RecordedEvent> history = queries.history(alice, order);

        assertThat(history).extracting(RecordedEvent::version).containsExactly(1L, 2L);
        assertThat(history).extracting(RecordedEvent::recordedAt).containsExactly(placedAt, cancelledAt);
        assertThat(history.get(0).event()).isInstanceOf(OrderEvent.OrderPlaced.class);
        assertThat(history.get(1).event()).isInstanceOf(OrderEvent.OrderCancelled.class);
        assertThat(queries.history(admin, order)).isEqualTo(history);
    }

    @Test
    void an_unknown_order_has_no_history_and_no_past() {
        OrderId unknown = new OrderId(java.util.UUID.fromString("0192f0c8-0000-7000-8000-00000000dead"));

        assertThat(queries.history(admin, unknown)).isEmpty();
        assertThat(queries.asOf(admin, unknown, shop.clock.instant())).isEmpty();
        assertThat(queries.find(admin, unknown)).isEmpty();
    }

    private OrderStatus statusAsOf(OrderId order, Instant instant) {
        return queries.asOf(alice, order, instant).orElseThrow().status();
    }
}
