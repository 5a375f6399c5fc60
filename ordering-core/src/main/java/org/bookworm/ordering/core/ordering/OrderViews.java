package org.bookworm.ordering.core.ordering;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import org.bookworm.ordering.core.common.Page;

/**
 * Driven port: the order read models (detail and list), written by the order projection. Every implementation
 * passes {@code OrderViewsContract}.
 */
public interface OrderViews {

    /** The order's view, deleted ones included (callers decide who may see those). */
    Optional<OrderView> find(OrderId id);

    /**
     * A hint that {@link #find} and {@link #save} of these orders come next, in the batch a projection runs on this
     * thread: an implementation may read their views at once (ADR 0046). The streams of {@code begun} (some of {@code
     * ids}) have their first event in this batch: a table that cannot hold a view of a stream before the batch that
     * begins it (a rebuild's shadow, filled from the start of the log by that rebuild alone) need not read them; any
     * other table reads them with the rest. It changes nothing any call answers; the default does nothing.
     */
    default void prefetch(Collection<OrderId> ids, Set<OrderId> begun) {}

    /** A page of non-deleted orders matching the query, newest first. */
    Page<OrderSummary> list(OrderQuery query);

    /**
     * Stores the view if it is newer than the stored one (by version); an older or equal version is ignored, so a
     * redelivered event never rolls a view back.
     */
    void save(OrderView view);

    /** Removes every view; used by a rebuild, before the log is replayed. */
    void clear();
}
