package org.bookworm.ordering.core.basket;

/** An update would put more than 99 copies of a book, or more than 100 books, in a basket; nothing was changed. */
final class BasketLimitExceeded extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    BasketLimitExceeded(String message) {
        super(message);
    }
}
