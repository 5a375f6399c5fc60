package org.bookworm.ordering.core.eventsourcing;

/**
 * A store could not be reached or timed out (or was shut down, refused a serialization, chose this transaction as
 * a deadlock victim, or had no free connection): nothing is known to have been written; retry later.
 */
public final class StoreUnavailable extends TransientFailure {
    private static final long serialVersionUID = 1L;

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
