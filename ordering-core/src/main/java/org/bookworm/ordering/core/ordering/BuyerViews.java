package org.bookworm.ordering.core.ordering;

import java.util.Optional;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Page;
import org.bookworm.ordering.core.common.PageRequest;

/** Driven port: the buyer read model. Every implementation passes {@code BuyerViewsContract}. */
public interface BuyerViews {

    Optional<BuyerView> find(BuyerId id);

    /** Non-deleted buyers ordered by id; the token is the last id of the previous page. */
    Page<BuyerView> list(PageRequest page);

    /** Stores the view if it is newer (by version) than the stored one. */
    void save(BuyerView view);

    void clear();
}
