package org.bookworm.ordering.core.testing;

import java.util.UUID;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.finance.PaymentGateway;
import org.bookworm.ordering.core.finance.PaymentMethod;

/**
 * A payment provider that runs {@code beforeAuthorizing} as an authorization reaches it (what a test makes happen while
 * the provider is being asked: a freeze, another process's writes), then hands every call to the real one.
 */
public record HookedGateway(PaymentGateway real, Runnable beforeAuthorizing) implements PaymentGateway {
    @Override
    public Answer authorize(UUID key, PaymentMethod method, Money amount) {
        beforeAuthorizing.run();
        return real.authorize(key, method, amount);
    }

    @Override
    public Answer capture(UUID key, String authorization, Money amount) {
        return real.capture(key, authorization, amount);
    }

    @Override
    public Answer voidAuthorization(UUID key, String authorization, Money amount) {
        return real.voidAuthorization(key, authorization, amount);
    }

    @Override
    public Answer refund(UUID key, String authorization, Money amount) {
        return real.refund(key, authorization, amount);
    }
}
