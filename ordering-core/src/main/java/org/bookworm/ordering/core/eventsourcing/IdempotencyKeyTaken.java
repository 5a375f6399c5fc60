package org.bookworm.ordering.core.eventsourcing;

/** The idempotency key of an append was claimed by another request first; nothing of this append was written. */
public final class IdempotencyKeyTaken extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IdempotencyKeyTaken(String scope, String key) {
        super("idempotency key '" + key + "' of " + scope + " is already used");
    }
}
