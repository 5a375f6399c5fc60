package org.bookworm.ordering.core.eventsourcing;

/**
 * One process's hold on the request ids it claims, where several processes share one store (ADR 0036). A claim names
 * the process that made it: while that process lives, its claim holds until its lease runs out ({@link
 * IdempotencyRecord.Answer.InFlight#until()}), however slow the request is; once the process is gone, another process
 * may take the claim over at once, without waiting for the lease. Each adapter's own {@link IdempotencyKeys} claim in
 * the name of the process that made the adapter, for its whole life; a test makes more owners to play several
 * processes on one store.
 */
public interface ClaimOwner extends AutoCloseable {

    /** The idempotency keys that claim in this owner's name, on the shared store. */
    IdempotencyKeys keys();

    /**
     * Ends this owner as its process's death would: another process may take its claims over at once, and its {@link
     * #keys()} claim nothing more ({@link IllegalStateException}).
     */
    @Override
    void close();
}
