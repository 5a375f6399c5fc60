package org.bookworm.ordering.core.finance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Driven port: the checkout sagas' durable deadlines, one per (saga, step). A deadline is written from the saga's own
 * {@code ...Requested} events (in PostgreSQL in the same transaction), never held only in memory. Every
 * implementation passes {@code SagaDeadlinesContract}.
 */
public interface SagaDeadlines {

    /** A deadline of step {@code step} of the saga of {@code order}. */
    record Deadline(OrderId order, int step, Instant dueAt) {
        public Deadline {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(dueAt, "due at");
        }
    }

    /** Records the deadline; scheduling the same (order, step) again changes nothing, whatever its due time. */
    void schedule(OrderId order, int step, Instant dueAt);

    /**
     * Up to {@code limit} deadlines due at or before {@code now}, earliest first, claimed for the caller: another
     * claim does not return them again until {@link #LEASE} has passed without {@link #complete} (a crashed handler's
     * deadline comes back). Completed deadlines never come back.
     */
    List<Deadline> claimDue(Instant now, int limit);

    /** The deadline was handled; completing an unknown or completed deadline changes nothing. */
    void complete(OrderId order, int step);

    /** Completes every deadline of the saga (it ended); idempotent. */
    void completeAll(OrderId order);

    /** Deadlines not yet completed, earliest first (for operators and tests). */
    List<Deadline> pending();

    java.time.Duration LEASE = java.time.Duration.ofMinutes(1);
}
