package org.bookworm.ordering.core.finance;

import java.util.UUID;
import org.bookworm.ordering.core.common.Money;

/**
 * Driven port: the external payment provider. Every call carries the idempotency key of its saga step: the provider
 * performs a key once and answers a repeated key with the first answer, so a retry after an unknown outcome is safe.
 * Calls are at-least-once; {@code TimedOut} means the outcome is unknown (retry with the same key, or give up).
 */
public interface PaymentGateway {

    sealed interface Answer {
        /** Done; {@code reference} is the provider's handle of the authorization or movement. */
        record Approved(String reference) implements Answer {}

        record Declined(String reason) implements Answer {}

        record TimedOut() implements Answer {}
    }

    Answer authorize(UUID key, PaymentMethod method, Money amount);

    Answer capture(UUID key, String authorization, Money amount);

    Answer voidAuthorization(UUID key, String authorization, Money amount);

    Answer refund(UUID key, String authorization, Money amount);
}
