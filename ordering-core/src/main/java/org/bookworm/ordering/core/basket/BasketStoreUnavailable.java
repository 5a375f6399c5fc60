package org.bookworm.ordering.core.basket;

import org.bookworm.ordering.core.common.Published;
import org.bookworm.ordering.core.eventsourcing.TransientFailure;

/**
 * The basket store cannot be reached (refused, reset, timed out, reconnecting): basket operations fail fast; orders
 * are never affected. It passes by waiting, so a subscription that meets it retries the event later.
 */
@Published
public final class BasketStoreUnavailable extends TransientFailure {
    private static final long serialVersionUID = 1L;

    public BasketStoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
