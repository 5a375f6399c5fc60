package org.bookworm.ordering.core.finance;

import java.time.Instant;
import java.util.Optional;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Finance's port for Ordering's checkout (ADR 0027): opens the checkout of an order about to be placed and tells which
 * payment method it was opened with. Ordering sees this port, never the saga's commands, states or service.
 */
public interface CheckoutRequests {
    /**
     * Records the checkout request of {@code order} for {@code buyer}, paying with {@code method}, under the request's
     * audit data. Its durable deadline abandons the checkout (and frees the basket) if the order is never placed.
     */
    void requestCheckout(OrderId order, BuyerId buyer, PaymentMethod method, Instant at, Metadata metadata);

    /** The payment method the checkout of {@code order} was requested with. */
    PaymentMethod paymentMethodOf(OrderId order);

    /**
     * The audit data of the checkout request of {@code order} while it still waits for its order (requested, neither
     * started nor abandoned); empty otherwise. A retry of PlaceOrder uses it to recognise the order its own earlier
     * attempt left half-way (ADR 0036).
     */
    Optional<Metadata> pendingRequest(OrderId order);
}
