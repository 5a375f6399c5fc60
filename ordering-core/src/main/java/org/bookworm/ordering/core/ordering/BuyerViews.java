package org.bookworm.ordering.core.ordering;

import java.util.Collection;
import java.util.Optional;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Page;
import org.bookworm.ordering.core.common.PageRequest;

/** Driven port: the buyer read model. Every implementation passes {@code BuyerViewsContract}. */
public interface BuyerViews {

    Optional<BuyerView> find(BuyerId id);

    /**
     * A hint that {@link #find} and {@link #save} of these buyers come next, in the batch a projection runs on this
     * thread: an implementation may read their views at once (ADR 0046). It changes nothing any call answers; the
     * default does nothing.
     */
    default void prefetch(Collection<BuyerId> ids) {}

    /** Non-deleted buyers ordered by id; the token is the last id of the previous page. */
    Page<BuyerView> list(PageRequest page);

    /** Stores the view if it is newer (by version) than the stored one. */
    void save(BuyerView view);

    void clear();
}
