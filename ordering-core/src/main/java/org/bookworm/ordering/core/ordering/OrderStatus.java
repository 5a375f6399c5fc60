package org.bookworm.ordering.core.ordering;

/** The life-cycle stage of an order, as read models and the API show it. */
public enum OrderStatus {
    PLACED("Placed"),
    CONFIRMED("Confirmed"),
    PARTIALLY_SHIPPED("PartiallyShipped"),
    SHIPPED("Shipped"),
    COMPLETED("Completed"),
    CANCELLED("Cancelled"),
    FAILED("Failed");

    private final String stage;

    OrderStatus(String stage) {
        this.stage = stage;
    }

    /** The stage name used in messages to people: {@code "cannot ship a Cancelled order"}. */
    public String stage() {
        return stage;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }
}
