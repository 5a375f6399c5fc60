package org.bookworm.ordering.core.finance;

import java.util.Set;
import java.util.UUID;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.ordering.OrderId;

/** A payment's totals. Invariants: captured + voided ≤ authorized; refunded ≤ captured. */
public sealed interface PaymentState {

    /** The keys of every movement recorded so far. */
    Set<UUID> keys();

    record NoPayment(Set<UUID> keys) implements PaymentState {
        public NoPayment {
            keys = Set.copyOf(keys);
        }
    }

    record Active(
            OrderId orderId,
            String reference,
            Money authorized,
            Money captured,
            Money voided,
            Money refunded,
            boolean closed,
            Set<UUID> keys)
            implements PaymentState {
        public Active {
            keys = Set.copyOf(keys);
        }

        /** Authorized and neither captured nor voided. */
        public Money open() {
            return authorized.minus(captured).minus(voided);
        }

        public Money refundable() {
            return captured.minus(refunded);
        }
    }
}
