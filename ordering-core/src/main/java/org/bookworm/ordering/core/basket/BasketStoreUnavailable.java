package org.bookworm.ordering.core.basket;

/** The basket store cannot be reached: basket operations fail fast; orders are never affected. */
public final class BasketStoreUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BasketStoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
