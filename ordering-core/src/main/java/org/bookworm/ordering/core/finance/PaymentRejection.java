package org.bookworm.ordering.core.finance;

import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.ordering.OrderId;

/** Why a payment refused a movement: each would break captured ≤ authorized or refunded ≤ captured. */
sealed interface PaymentRejection {
    OrderId orderId();

    String message();

    record NotAuthorized(OrderId orderId) implements PaymentRejection {
        public String message() {
            return "order " + orderId + " has no authorized payment";
        }
    }

    record ExceedsAuthorized(OrderId orderId, Money requested, Money open) implements PaymentRejection {
        public String message() {
            return "cannot capture " + requested + ": only " + open + " is authorized and not captured";
        }
    }

    record ExceedsCaptured(OrderId orderId, Money requested, Money refundable) implements PaymentRejection {
        public String message() {
            return "cannot refund " + requested + ": only " + refundable + " was captured and not refunded";
        }
    }

    /** The authorization was voided: the payment takes no new authorization or capture. */
    record Closed(OrderId orderId) implements PaymentRejection {
        public String message() {
            return "the payment of order " + orderId + " is closed";
        }
    }
}
