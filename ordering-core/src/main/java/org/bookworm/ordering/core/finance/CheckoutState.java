package org.bookworm.ordering.core.finance;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.ordering.FailureReason;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;

/** The stages of a checkout as types. Failed, Cancelled and Completed are terminal: every later message is ignored. */
public sealed interface CheckoutState {

    record None() implements CheckoutState {}

    /** PlaceOrder wrote the payment method; the order placement has not been seen yet. */
    record Requested(OrderId orderId, BuyerId buyer, PaymentMethod paymentMethod) implements CheckoutState {}

    /** No order was placed for the request in time; an order placed after all fails as timed out. */
    record Abandoned(OrderId orderId, BuyerId buyer) implements CheckoutState {}

    /** What a started checkout knows: the order's lines and total, and how to pay. */
    record Facts(OrderId orderId, BuyerId buyer, PaymentMethod paymentMethod, List<LineQuantity> lines, Money total) {
        public Facts {
            Objects.requireNonNull(orderId, "order id");
            lines = List.copyOf(lines);
        }
    }

    /** A stage that waits on an answer, with the step of its pending deadline and the attempt it is on. */
    sealed interface Waiting extends CheckoutState {
        Facts facts();

        int attempt();

        int step();
    }

    record Reserving(Facts facts, int attempt, int step) implements Waiting {}

    record Authorizing(Facts facts, int attempt, int step) implements Waiting {}

    /** Reserved and authorized; shipments are captured as they leave. */
    record Confirmed(Facts facts, int step, Set<UUID> shipments, Money captured) implements CheckoutState {
        public Confirmed {
            shipments = Set.copyOf(shipments);
        }
    }

    record Failed(OrderId orderId, FailureReason reason) implements CheckoutState {}

    record Cancelled(OrderId orderId) implements CheckoutState {}

    record Completed(OrderId orderId) implements CheckoutState {}
}
