package org.bookworm.ordering.core.eventsourcing;

/**
 * A failure that can pass by waiting: a store that cannot be reached or timed out, a connection reset, a
 * serialization failure or deadlock, a server shutting down, an exhausted pool. Nothing is known to have been
 * written, and the same call made later may well succeed. Adapters translate their drivers' errors into a subclass
 * of this type; subscriptions retry such a failure with backoff for as long as it takes and never park it.
 *
 * <p>Everything else that escapes a handler (an event that cannot be decoded, a bug) cannot pass by waiting.
 */
public abstract class TransientFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
