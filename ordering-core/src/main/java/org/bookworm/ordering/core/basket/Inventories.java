package org.bookworm.ordering.core.basket;

/** Rules every {@link Inventory} applies to its input the same way. */
public final class Inventories {
    /** The most copies one receipt may bring: more is a typing error, not a delivery. */
    public static final int MAX_RECEIVED = 1_000_000;

    private Inventories() {}

    /** @throws IllegalArgumentException unless 1 to {@value #MAX_RECEIVED} copies */
    public static int requireReceivable(int copies) {
        if (copies < 1 || copies > MAX_RECEIVED) {
            throw new IllegalArgumentException("a delivery brings 1 to " + MAX_RECEIVED + " copies, not " + copies);
        }
        return copies;
    }
}
