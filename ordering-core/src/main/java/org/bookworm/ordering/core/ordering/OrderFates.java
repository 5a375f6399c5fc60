package org.bookworm.ordering.core.ordering;

import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.eventsourcing.Cause;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.jspecify.annotations.Nullable;

/**
 * Ordering's port for Finance's checkout saga (ADR 0027): records the fate the saga decided for an order and tells
 * whose order it is, so the saga can free that buyer's basket. Finance sees this port, never the order's commands,
 * states or service.
 */
public interface OrderFates {
    /** Confirms the order as the checkout of {@code cause} decided: the event names its cause and correlation. */
    Outcome<OrderRejection> confirm(Caller caller, OrderId order, Cause cause);

    /** Fails the order as the checkout of {@code cause} decided: the event names its cause and correlation. */
    Outcome<OrderRejection> fail(Caller caller, OrderId order, FailureReason reason, Cause cause);

    /** The buyer of {@code order}, or null if the order does not exist or the caller may not see it. */
    @Nullable
    BuyerId buyerOf(Caller caller, OrderId order);
}
