package org.bookworm.ordering.core.finance;

import java.time.Instant;
import java.util.UUID;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.ordering.OrderId;

/** The money movements of one order's payment, in stream {@code payment-<orderId>}; each names its step's key. */
public sealed interface PaymentEvent extends DomainEvent {
    OrderId orderId();

    UUID key();

    Instant at();

    record PaymentAuthorized(OrderId orderId, UUID key, Money amount, String reference, Instant at)
            implements PaymentEvent {}

    record PaymentDeclined(OrderId orderId, UUID key, String reason, Instant at) implements PaymentEvent {}

    record PaymentCaptured(OrderId orderId, UUID key, Money amount, Instant at) implements PaymentEvent {}

    record AuthorizationVoided(OrderId orderId, UUID key, Money amount, Instant at) implements PaymentEvent {}

    record PaymentRefunded(OrderId orderId, UUID key, Money amount, Instant at) implements PaymentEvent {}
}
