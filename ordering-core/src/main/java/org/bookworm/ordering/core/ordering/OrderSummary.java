package org.bookworm.ordering.core.ordering;

import java.time.Instant;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Money;

/** One row of an order list. */
public record OrderSummary(
        OrderId id, BuyerId buyer, OrderStatus status, Money total, int lineCount, Instant placedAt, long version) {}
