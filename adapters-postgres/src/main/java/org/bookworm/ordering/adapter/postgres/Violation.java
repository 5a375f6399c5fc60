package org.bookworm.ordering.adapter.postgres;

/** One broken invariant, named, and what breaks it (an order, a payment, a book, a subscription). */
public record Violation(String invariant, String detail) {
    public static final String READ_MODEL = "every order's read model equals the fold of its stream";
    public static final String PAYMENTS = "captured <= authorized and refunded <= captured per payment";
    public static final String STOCK = "stock held equals the open reservations and never exceeds what is on hand";
    public static final String RESERVATIONS = "no open reservation for a finished order";
    public static final String CONFIRMATION_EMAILS = "every confirmed order has exactly one confirmation e-mail";
    public static final String LAG = "no subscription behind the log by more than the threshold";

    @Override
    public String toString() {
        return invariant + ": " + detail;
    }
}
