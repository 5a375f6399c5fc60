package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.testing.Shop.ALICE_SNAPSHOT;
import static org.bookworm.ordering.core.testing.Shop.DUNE;
import static org.bookworm.ordering.core.testing.Shop.EMMA;
import static org.bookworm.ordering.core.testing.Shop.HOME;
import static org.bookworm.ordering.core.testing.Shop.ONE_EMMA;
import static org.bookworm.ordering.core.testing.Shop.THREE_DUNE;
import static org.bookworm.ordering.core.testing.Shop.alice;
import static org.bookworm.ordering.core.testing.Shop.checkout;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.EventStream;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.bookworm.ordering.core.inmemory.InMemoryInventory;
import org.bookworm.ordering.core.inmemory.InMemorySagaDeadlines;
import org.bookworm.ordering.core.inmemory.SimulatedPaymentGateway;
import org.bookworm.ordering.core.testing.Shop;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** A modification is decided once, on the one load of the order it acts on (issue 13, ADR 0027). */
@DisplayNameGeneration(ReplaceUnderscores.class)
class OrderModificationsTest {
    private final Shop shop = new Shop();
    private final CountingLoads events = new CountingLoads(shop.ordering.events);
    private final EventSourcedRunner.Stores stores = new EventSourcedRunner.Stores(
            events,
            shop.ordering.snapshots,
            shop.ordering.events,
            new UuidV7Generator(shop.clock, new Random(7)),
            shop.clock);
    private final OrderService orders = new OrderService(stores);
    private final InMemoryInventory inventory = new InMemoryInventory();
    private final CheckoutService checkoutService = new CheckoutService(
            stores,
            orders,
            new CheckoutSagaService(stores, new InMemorySagaDeadlines()),
            new InMemoryBasketStore(),
            new InMemoryCatalog(),
            new BuyerService(stores),
            inventory,
            new PaymentService(stores, new SimulatedPaymentGateway()));

    @Test
    void a_modification_that_moves_stock_loads_and_decides_the_order_once() {
        OrderId order = confirmed();
        events.loads.set(0);

        Outcome<CheckoutRejection> outcome =
                checkoutService.modifyOrder(alice, null, order, new Modification.RemoveLine(EMMA));

        assertThat(outcome).isEqualTo(new Outcome.Done<>(OrderService.stream(order), 3));
        assertThat(events.loads).as("loads of the order's stream").hasValue(1);
        assertThat(inventory.stock(EMMA).held()).isZero();
        assertThat(inventory.stock(DUNE).held()).isEqualTo(3);
    }

    @Test
    void a_modification_ordering_refuses_moves_no_stock() {
        OrderId order = confirmed();

        Outcome<CheckoutRejection> outcome = checkoutService.modifyOrder(
                alice, null, order, new Modification.ChangeQuantity(NOT_ORDERED, Quantity.of(1)));

        assertThat(outcome).isEqualTo(new Outcome.Refused<>(new OrderRejection.UnknownLine(order, NOT_ORDERED)));
        assertThat(inventory.stock(DUNE).held()).isEqualTo(3);
        assertThat(inventory.stock(EMMA).held()).isEqualTo(1);
    }

    private static final BookId NOT_ORDERED = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-0000000000ff"));

    /** Alice's order of three Dune and one Emma, with its stock held and checkout's confirmation. */
    private OrderId confirmed() {
        inventory.restock(DUNE, 10);
        inventory.restock(EMMA, 10);
        var placed = orders.place(alice, null, ALICE_SNAPSHOT, HOME, List.of(THREE_DUNE, ONE_EMMA));
        var order = new OrderId(((Outcome.Done<OrderRejection>) placed).stream().id());
        inventory.reserve(order, LineQuantity.of(List.of(THREE_DUNE, ONE_EMMA)));
        assertThat(orders.confirm(checkout, order).isDone()).isTrue();
        return order;
    }

    /** The in-memory event store, counting the loads of order streams. */
    private static final class CountingLoads implements EventStore {
        private final EventStore events;
        private final AtomicInteger loads = new AtomicInteger();

        private CountingLoads(EventStore events) {
            this.events = events;
        }

        @Override
        public EventStream load(StreamId stream, long afterVersion, long upToVersion) {
            if (stream.type().equals(OrderService.STREAM)) {
                loads.incrementAndGet();
            }
            return events.load(stream, afterVersion, upToVersion);
        }

        @Override
        public EventStream loadAsOf(StreamId stream, Instant instant) {
            return events.loadAsOf(stream, instant);
        }

        @Override
        public long append(
                StreamId stream, long expectedVersion, List<NewEvent> newEvents, @Nullable IdempotencyRecord key) {
            return events.append(stream, expectedVersion, newEvents, key);
        }
    }
}
