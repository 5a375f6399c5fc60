package org.bookworm.ordering.core.ordering;

import java.time.Instant;
import java.util.List;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Published;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.jspecify.annotations.Nullable;

/** The facts of an order's life, in stream {@code order-<id>}. Events carry whole values, never deltas to guess. */
@Published
public sealed interface OrderEvent extends DomainEvent {
    OrderId orderId();

    Instant at();

    record OrderPlaced(
            OrderId orderId,
            BuyerSnapshot buyer,
            Address shippingAddress,
            List<OrderLine> lines,
            Money total,
            Instant at)
            implements OrderEvent {
        public OrderPlaced {
            lines = List.copyOf(lines);
        }
    }

    /**
     * Checkout reserved the items and authorized the payment. {@code order} is the order as it was confirmed (buyer,
     * shipping address, lines, total, placement time), so the confirmation e-mail and the basket clearing act on this
     * event alone. It is null only in an event stored before it carried the order (schema 1): its readers fold the
     * order up to this event instead.
     */
    record OrderConfirmed(OrderId orderId, @Nullable OrderFacts order, Instant at) implements OrderEvent {}

    record OrderFailed(OrderId orderId, FailureReason reason, Instant at) implements OrderEvent {}

    /** The order after a modification: its whole lines, total and address (the change is their difference). */
    record OrderModified(OrderId orderId, List<OrderLine> lines, Money total, Address shippingAddress, Instant at)
            implements OrderEvent {
        public OrderModified {
            lines = List.copyOf(lines);
        }
    }

    record ItemsShipped(OrderId orderId, List<LineQuantity> lines, Money value, Instant at) implements OrderEvent {
        public ItemsShipped {
            lines = List.copyOf(lines);
        }
    }

    /** Completed; {@code cancelled} lists what was never shipped (empty unless a partial shipment was closed). */
    record OrderCompleted(OrderId orderId, List<LineQuantity> cancelled, Money cancelledValue, Instant at)
            implements OrderEvent {
        public OrderCompleted {
            cancelled = List.copyOf(cancelled);
        }
    }

    record OrderCancelled(OrderId orderId, CancelledBy by, Instant at) implements OrderEvent {}

    record OrderDeleted(OrderId orderId, Instant at) implements OrderEvent {}
}
