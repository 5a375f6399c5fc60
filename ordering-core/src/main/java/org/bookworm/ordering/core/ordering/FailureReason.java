package org.bookworm.ordering.core.ordering;

import org.bookworm.ordering.core.common.Published;

/** Why checkout failed an order. */
@Published
public enum FailureReason {
    OUT_OF_STOCK("some items are out of stock"),
    PAYMENT_DECLINED("the payment was declined"),
    CHECKOUT_TIMED_OUT("checkout did not finish in time");

    private final String description;

    FailureReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
