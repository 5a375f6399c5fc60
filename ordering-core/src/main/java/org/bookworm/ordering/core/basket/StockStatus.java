package org.bookworm.ordering.core.basket;

/** Whether the catalog shows a book as available. The inventory's reservations are what really decide. */
public enum StockStatus {
    IN_STOCK,
    OUT_OF_STOCK
}
