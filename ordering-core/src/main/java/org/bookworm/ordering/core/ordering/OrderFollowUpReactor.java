package org.bookworm.ordering.core.ordering;

import org.bookworm.ordering.core.basket.BasketCheckouts;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailRequests;

/**
 * Reactions to an order's life outside Finance. {@link #notifications} queues one e-mail per order and kind
 * (confirmed, failed, shipped, cancelled, completed); {@link #basketClearing} clears exactly the checked-out
 * quantities from the buyer's basket once the order is confirmed (the lines it was confirmed with). Both act on
 * {@code OrderConfirmed} alone, which carries the order as confirmed; the other kinds fold the order. Both are
 * idempotent under redelivery: the outbox keeps one row per (order, kind), and clearing is a no-op once the basket's
 * checkout mark is lifted.
 */
public final class OrderFollowUpReactor {
    public static final String NOTIFICATIONS = "notifications";
    public static final String BASKET_CLEARING = "basket-clearing";
    private static final Caller SYSTEM = Caller.system("notification");

    private OrderFollowUpReactor() {}

    /** The events an e-mail follows: what the notifications' subscription reads from the log. */
    static final EventFilter NOTIFIED = EventFilter.events(
            OrderEvent.OrderConfirmed.class,
            OrderEvent.OrderFailed.class,
            OrderEvent.ItemsShipped.class,
            OrderEvent.OrderCancelled.class,
            OrderEvent.OrderCompleted.class);

    /** The one event basket clearing follows. */
    static final EventFilter CLEARED_BY = EventFilter.events(OrderEvent.OrderConfirmed.class);

    public static EventHandler notifications(OrderService orders, EmailRequests notifications) {
        return EventHandler.of(NOTIFIED, recorded -> {
            if (!(recorded.event() instanceof OrderEvent event)) {
                return;
            }
            EmailKind kind = switch (event) {
                case OrderEvent.OrderConfirmed e -> EmailKind.CONFIRMED;
                case OrderEvent.OrderFailed e -> EmailKind.FAILED;
                case OrderEvent.ItemsShipped e -> EmailKind.SHIPPED;
                case OrderEvent.OrderCancelled e -> EmailKind.CANCELLED;
                case OrderEvent.OrderCompleted e -> EmailKind.COMPLETED;
                default -> null;
            };
            if (kind != null) {
                notifications.enqueue(
                        kind,
                        event instanceof OrderEvent.OrderConfirmed confirmed && confirmed.order() != null
                                ? confirmed.order() // carried by the event: nothing to fold
                                : factsAt(orders, recorded));
            }
        });
    }

    public static EventHandler basketClearing(OrderService orders, BasketCheckouts baskets) {
        return EventHandler.of(CLEARED_BY, recorded -> {
            if (recorded.event() instanceof OrderEvent.OrderConfirmed confirmed) {
                // the lines as confirmed: a modification made since must not change what the checkout took; the
                // event carries them (one stored before it did is folded up to its version)
                OrderFacts facts = confirmed.order() != null ? confirmed.order() : factsAsOf(orders, recorded);
                baskets.clearCheckedOut(
                        facts.buyer().id(),
                        confirmed.orderId(),
                        facts.lines().stream()
                                .map(line -> new BasketItem(line.book(), line.quantity()))
                                .toList());
            }
        });
    }

    private static OrderFacts factsAsOf(OrderService orders, RecordedEvent recorded) {
        var order = ((OrderEvent) recorded.event()).orderId();
        if (!(orders.loadAt(SYSTEM, order, recorded.version()).state() instanceof OrderState.Existing existing)) {
            throw new IllegalStateException("order " + order + " has events but cannot be loaded");
        }
        return existing.facts();
    }

    private static OrderFacts factsAt(OrderService orders, RecordedEvent recorded) {
        var order = ((OrderEvent) recorded.event()).orderId();
        if (!(orders.load(SYSTEM, order).state() instanceof OrderState.Existing existing)) {
            throw new IllegalStateException("order " + order + " has events but cannot be loaded");
        }
        return existing.facts();
    }
}
