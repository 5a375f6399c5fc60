package org.bookworm.ordering.core.finance;

import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Finance's port for Ordering's modifications (ADR 0027): authorizes a higher total for the difference, keyed by the
 * step so a retry authorizes once. Ordering sees this port, never the payment decider, its state or its service.
 */
public interface PaymentAuthorizations {
    /** Authorizes {@code amount} for step {@code step} of the order's payment, paying with {@code method}. */
    PaymentService.Authorization authorize(OrderId order, String step, PaymentMethod method, Money amount);
}
