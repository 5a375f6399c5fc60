package org.bookworm.ordering.core.eventsourcing;

/** A request id came back with a different request: the client must pick a new id for a new request. */
public final class IdempotencyKeyReused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReused(String key) {
        super("request id '" + key + "' was used for a different request: use a new request id");
    }
}
