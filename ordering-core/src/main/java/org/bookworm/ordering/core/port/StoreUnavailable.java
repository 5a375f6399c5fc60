package org.bookworm.ordering.core.port;

/** A store could not be reached or timed out: nothing is known to have been written; retry later. */
public final class StoreUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
