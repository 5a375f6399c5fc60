package org.bookworm.ordering.core.port;

import java.time.Instant;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.order.OrderStatus;

/** One row of an order list. */
public record OrderSummary(
        OrderId id, BuyerId buyer, OrderStatus status, Money total, int lineCount, Instant placedAt, long version) {}
