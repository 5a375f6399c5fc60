package org.bookworm.ordering.core.eventsourcing;

import java.time.Instant;
import java.util.Optional;

/**
 * Driven port: client request keys and where their requests stand (RELIABILITY.md section 4, ADR 0006 and 0018). A
 * request claims its key before it runs ({@link #claim}); the append that answers it turns the claim into its stored
 * outcome ({@link EventStore#append} with a done record); a refused or failed request releases it ({@link #release}).
 * A claim belongs to the process that made it (ADR 0036): it holds while that process lives, until its lease runs out,
 * and may be taken over at once when that process is gone ({@link ClaimOwner}). Every implementation passes the
 * idempotency cases of {@code EventStoreContract}.
 */
public interface IdempotencyKeys {

    /**
     * In one atomic step, claims the key for a request about to run, or answers the record that holds it. Empty: the
     * caller holds the key now (it was free, its claim had run out by {@code claim.createdAt()}, or the process that
     * claimed it is gone). Present: a done record, or the claim of a request still running in a live process; the
     * caller compares its request hash and waits for, or answers with, that record.
     *
     * @param claim an {@link IdempotencyRecord.Answer.InFlight} record: the caller's scope, key, hash, now and until
     */
    Optional<IdempotencyRecord> claim(IdempotencyRecord claim);

    /**
     * Gives up a claim made by {@link #claim} when its request was refused or failed, so that the key is free again.
     * Leaves a done record, and a claim taken over by another request since, as they are.
     */
    void release(IdempotencyRecord claim);

    Optional<IdempotencyRecord> find(String scope, String key);

    /** Removes keys created before {@code cutoff}; returns how many. */
    int purgeOlderThan(Instant cutoff);
}
