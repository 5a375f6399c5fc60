package org.bookworm.ordering.core.order;

/** Who cancelled an order. */
public enum CancelledBy {
    BUYER,
    ADMIN
}
