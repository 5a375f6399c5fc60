package org.bookworm.ordering.core.ordering;

import java.util.Optional;
import org.bookworm.ordering.core.common.Page;

/**
 * Driven port: the order read models (detail and list), written by the order projection. Every implementation
 * passes {@code OrderViewsContract}.
 */
public interface OrderViews {

    /** The order's view, deleted ones included (callers decide who may see those). */
    Optional<OrderView> find(OrderId id);

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
