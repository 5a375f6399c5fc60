package org.bookworm.ordering.core.finance;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Money movements of one order's payment, each with the idempotency key of its step (name-based from the order, the
 * step and the attempt): a movement whose key was recorded before is not recorded again.
 */
sealed interface PaymentCommand {
    OrderId orderId();

    UUID key();

    Instant at();

    /** The gateway approved an authorization of {@code amount}; {@code reference} is the gateway's handle. */
    record Authorize(OrderId orderId, UUID key, Money amount, String reference, Instant at) implements PaymentCommand {
        public Authorize {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(reference, "reference");
            Objects.requireNonNull(at, "at");
        }
    }

    record Decline(OrderId orderId, UUID key, String reason, Instant at) implements PaymentCommand {
        public Decline {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Takes {@code amount} of the authorization (one shipment). */
    record Capture(OrderId orderId, UUID key, Money amount, Instant at) implements PaymentCommand {
        public Capture {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Releases whatever is authorized and not captured, and closes the payment to new captures. */
    record VoidAuthorization(OrderId orderId, UUID key, Instant at) implements PaymentCommand {
        public VoidAuthorization {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(at, "at");
        }
    }

    /** Gives back {@code amount} of what was captured. */
    record Refund(OrderId orderId, UUID key, Money amount, Instant at) implements PaymentCommand {
        public Refund {
            Objects.requireNonNull(orderId, "order id");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(at, "at");
        }
    }
}
