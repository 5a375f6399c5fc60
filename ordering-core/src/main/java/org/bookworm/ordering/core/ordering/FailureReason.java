package org.bookworm.ordering.core.ordering;

/** Why checkout failed an order. */
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
