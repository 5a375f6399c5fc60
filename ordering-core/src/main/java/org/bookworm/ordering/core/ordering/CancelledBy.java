package org.bookworm.ordering.core.ordering;

/** Who cancelled an order. */
public enum CancelledBy {
    BUYER,
    ADMIN
}
