package org.bookworm.ordering.core.finance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * The messages a checkout saga reacts to. Each carries the time it is handled at; those that schedule a step's
 * deadline or may give up on one also carry the operator's {@link CheckoutTimeouts}. A message that comes late, twice
 * or out of order is answered with no events, never with an error.
 */
public sealed interface CheckoutCommand {
    OrderId orderId();

    Instant at();

    record RequestCheckout(
            OrderId orderId, BuyerId buyer, PaymentMethod paymentMethod, CheckoutTimeouts timeouts, Instant at)
            implements CheckoutCommand {
        public RequestCheckout {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(buyer, "buyer");
            Objects.requireNonNull(paymentMethod, "payment method");
            Objects.requireNonNull(timeouts, "timeouts");
            Objects.requireNonNull(at, "at");
        }
    }

    /** From {@code OrderPlaced}. */
    record StartCheckout(OrderId orderId, List<LineQuantity> lines, Money total, CheckoutTimeouts timeouts, Instant at)
            implements CheckoutCommand {
        public StartCheckout {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(total, "total");
            Objects.requireNonNull(timeouts, "timeouts");
            Objects.requireNonNull(at, "at");
            lines = LineQuantity.requireDistinct(lines, "a checkout");
        }
    }

    /** Basket's answer: {@code outOfStock} empty means every line is reserved. */
    record RecordReservation(OrderId orderId, List<BookId> outOfStock, CheckoutTimeouts timeouts, Instant at)
            implements CheckoutCommand {
        public RecordReservation {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(timeouts, "timeouts");
            Objects.requireNonNull(at, "at");
            outOfStock = List.copyOf(outOfStock);
        }
    }

    /** The gateway approved the authorization asked for in {@code attempt}. */
    record RecordApproval(OrderId orderId, int attempt, Instant at) implements CheckoutCommand {
        public RecordApproval {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The gateway declined the authorization asked for in {@code attempt}. */
    record RecordDecline(OrderId orderId, int attempt, String reason, Instant at) implements CheckoutCommand {
        public RecordDecline {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A durable deadline fired; it matters only if the saga still waits on that {@code step}. */
    record DeadlineReached(OrderId orderId, int step, CheckoutTimeouts timeouts, Instant at)
            implements CheckoutCommand {
        public DeadlineReached {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(timeouts, "timeouts");
            Objects.requireNonNull(at, "at");
        }
    }

    /** From {@code OrderCancelled}. */
    record NoteCancellation(OrderId orderId, Instant at) implements CheckoutCommand {
        public NoteCancellation {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(at, "at");
        }
    }

    /** From {@code ItemsShipped}; {@code shipment} is that event's id, so a redelivered shipment is recognised. */
    record NoteShipment(OrderId orderId, UUID shipment, List<LineQuantity> lines, Money value, Instant at)
            implements CheckoutCommand {
        public NoteShipment {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(shipment, "shipment");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(at, "at");
            lines = LineQuantity.requireDistinct(lines, "a shipment");
        }
    }

    /** From {@code OrderCompleted}. */
    record NoteCompletion(OrderId orderId, Instant at) implements CheckoutCommand {
        public NoteCompletion {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(at, "at");
        }
    }
}
