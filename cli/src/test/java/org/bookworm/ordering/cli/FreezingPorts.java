package org.bookworm.ordering.cli;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.cli.StepFreezer.Step;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketAnswer;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketRequest;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.EventStream;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.testing.HookedGateway;
import org.jspecify.annotations.Nullable;

/**
 * The checkout's ports, each handing every call straight to the real adapter after telling the {@link StepFreezer}
 * which step it is: the freezer may stop the real store first. Nothing is answered here.
 */
final class FreezingPorts {
    private FreezingPorts() {}

    static PostgresStack.Decorators around(StepFreezer freezer) {
        return new PostgresStack.Decorators(
                events -> new Events(events, freezer),
                baskets -> new Baskets(baskets, freezer),
                inventory -> new Stock(inventory, freezer),
                gateway -> new HookedGateway(gateway, () -> freezer.reached(Step.AUTHORIZE, null)));
    }

    private record Events(EventStore real, StepFreezer freezer) implements EventStore {
        @Override
        public EventStream load(StreamId stream, long afterVersion, long upToVersion) {
            return real.load(stream, afterVersion, upToVersion);
        }

        @Override
        public EventStream loadAsOf(StreamId stream, Instant instant) {
            return real.loadAsOf(stream, instant);
        }

        @Override
        public long append(
                StreamId stream, long expectedVersion, List<NewEvent> events, @Nullable IdempotencyRecord idempotency) {
            for (NewEvent event : events) {
                switch (event.event()) {
                    case OrderEvent.OrderPlaced placed ->
                        freezer.reached(Step.ORDER_PLACED, placed.buyer().id());
                    case OrderEvent.OrderConfirmed confirmed -> freezer.reached(Step.ORDER_CONFIRMED, null);
                    case OrderEvent.OrderFailed failed -> freezer.reached(Step.ORDER_FAILED, null);
                    default -> {
                        // not a step any scenario freezes
                    }
                }
            }
            return real.append(stream, expectedVersion, events, idempotency);
        }
    }

    private record Baskets(BasketStore real, StepFreezer freezer) implements BasketStore {
        @Override
        public Basket get(BuyerId buyer) {
            return real.get(buyer);
        }

        @Override
        public BasketAnswer<Basket> add(
                BuyerId buyer, BookId book, Quantity quantity, @Nullable BasketRequest request) {
            return real.add(buyer, book, quantity, request);
        }

        @Override
        public BasketAnswer<Basket> set(
                BuyerId buyer, BookId book, Quantity quantity, @Nullable BasketRequest request) {
            return real.set(buyer, book, quantity, request);
        }

        @Override
        public BasketAnswer<Basket> remove(BuyerId buyer, BookId book, @Nullable BasketRequest request) {
            return real.remove(buyer, book, request);
        }

        @Override
        public BasketAnswer<Basket> replace(BuyerId buyer, List<BasketItem> items, @Nullable BasketRequest request) {
            return real.replace(buyer, items, request);
        }

        @Override
        public BasketAnswer<Basket> delete(BuyerId buyer, @Nullable BasketRequest request) {
            return real.delete(buyer, request);
        }

        @Override
        public boolean markCheckedOut(BuyerId buyer, OrderId order) {
            freezer.reached(Step.BASKET_MARK, buyer);
            return real.markCheckedOut(buyer, order);
        }

        @Override
        public void releaseCheckout(BuyerId buyer, OrderId order) {
            freezer.reached(Step.BASKET_RELEASE, buyer);
            real.releaseCheckout(buyer, order);
        }

        @Override
        public Basket clearCheckedOut(BuyerId buyer, OrderId order, List<BasketItem> checkedOut) {
            freezer.reached(Step.BASKET_CLEAR, buyer);
            return real.clearCheckedOut(buyer, order, checkedOut);
        }
    }

    private record Stock(Inventory real, StepFreezer freezer) implements Inventory {
        @Override
        public void restock(BookId book, int onHand) {
            real.restock(book, onHand);
        }

        @Override
        public Receipt receive(BookId book, UUID receipt, int copies) {
            return real.receive(book, receipt, copies);
        }

        @Override
        public StockLevel stock(BookId book) {
            return real.stock(book);
        }

        @Override
        public int onHand(BookId book) {
            return real.onHand(book);
        }

        @Override
        public int available(BookId book) {
            return real.available(book);
        }

        @Override
        public List<LineQuantity> held(OrderId order) {
            return real.held(order);
        }

        @Override
        public Answer reserve(OrderId order, List<LineQuantity> lines) {
            freezer.reached(Step.RESERVE, null);
            return real.reserve(order, lines);
        }

        @Override
        public Answer adjust(OrderId order, List<LineQuantity> lines) {
            return real.adjust(order, lines);
        }

        @Override
        public void release(OrderId order) {
            real.release(order);
        }

        @Override
        public void commit(OrderId order, UUID shipment, List<LineQuantity> lines) {
            real.commit(order, shipment, lines);
        }
    }
}
