package org.bookworm.ordering.core.finance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.ordering.FailureReason;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * The facts of one checkout, in stream {@code checkout-<orderId>}. Events ending in {@code Requested} ask for an
 * effect (a reservation, an authorization, a capture) and carry the step and due time of their durable deadline.
 */
public sealed interface CheckoutEvent extends DomainEvent {
    OrderId orderId();

    Instant at();

    /**
     * Written by PlaceOrder before the order itself: the checkout-only data the order does not carry. If the order's
     * placement is not seen by {@code dueAt} (deadline step 0: PlaceOrder crashed or was refused), the checkout is
     * abandoned and the basket freed.
     */
    record CheckoutRequested(OrderId orderId, BuyerId buyer, PaymentMethod paymentMethod, Instant dueAt, Instant at)
            implements CheckoutEvent {}

    /** No order was placed for this request in time: the basket's checkout mark is lifted. */
    record CheckoutAbandoned(OrderId orderId, BuyerId buyer, Instant at) implements CheckoutEvent {}

    /** The order was placed (BookWorm's {@code UserCheckedOutIntegrationEvent}): what to reserve and charge. */
    record CheckoutStarted(OrderId orderId, List<LineQuantity> lines, Money total, Instant at)
            implements CheckoutEvent {
        public CheckoutStarted {
            lines = List.copyOf(lines);
        }
    }

    /**
     * Asks Basket to reserve {@code lines} ({@code ReserveBasketItemsCommand}); deadline {@code step} due at dueAt.
     * It carries what the reservation needs, so the step acts on this event alone. {@code lines} is null only in an
     * event stored before it carried them (schema 1): its reader folds the saga for them instead.
     */
    record ReservationRequested(
            OrderId orderId,
            int attempt,
            int step,
            @Nullable List<LineQuantity> lines,
            Instant dueAt,
            Instant at) implements CheckoutEvent {
        public ReservationRequested {
            lines = lines == null ? null : List.copyOf(lines);
        }
    }

    record ItemsReserved(OrderId orderId, Instant at) implements CheckoutEvent {}

    record ReservationFailed(OrderId orderId, List<BookId> outOfStock, Instant at) implements CheckoutEvent {
        public ReservationFailed {
            outOfStock = List.copyOf(outOfStock);
        }
    }

    /**
     * Asks the payment gateway to authorize {@code amount} (the order's total, in its currency) with {@code
     * paymentMethod} ({@code ProcessPaymentCommand}); deadline {@code step} due at dueAt. It carries what the
     * authorization needs, so the step acts on this event alone. {@code amount} and {@code paymentMethod} are null
     * only in an event stored before it carried them (schema 1): its reader folds the saga for them instead.
     */
    record PaymentRequested(
            OrderId orderId,
            int attempt,
            int step,
            @Nullable Money amount,
            @Nullable PaymentMethod paymentMethod,
            Instant dueAt,
            Instant at)
            implements CheckoutEvent {
        /** Whether this request carries what the authorization needs (false only for a schema-1 event). */
        public boolean carriesPayment() {
            return amount != null && paymentMethod != null;
        }
    }

    record PaymentApproved(OrderId orderId, Instant at) implements CheckoutEvent {}

    record PaymentRefused(OrderId orderId, String reason, Instant at) implements CheckoutEvent {}

    /** Items reserved and payment authorized: Ordering is asked to confirm ({@code ConfirmPaymentCommand}). */
    record CheckoutConfirmed(OrderId orderId, Instant at) implements CheckoutEvent {}

    /** Checkout gave up; compensation (release, void, fail the order, free the basket) follows from this fact. */
    record CheckoutFailed(OrderId orderId, FailureReason reason, Instant at) implements CheckoutEvent {}

    /** The order was cancelled before shipment: release the reservation and void the authorization. */
    record CheckoutCancelled(OrderId orderId, Instant at) implements CheckoutEvent {}

    /** A shipment left: capture its value and commit its stock. {@code shipment} is the shipping event's id. */
    record CaptureRequested(OrderId orderId, UUID shipment, List<LineQuantity> lines, Money value, Instant at)
            implements CheckoutEvent {
        public CaptureRequested {
            lines = List.copyOf(lines);
        }
    }

    /** The order completed: release what never shipped and void the authorization that was not captured. */
    record CheckoutCompleted(OrderId orderId, Money uncaptured, Instant at) implements CheckoutEvent {}
}
