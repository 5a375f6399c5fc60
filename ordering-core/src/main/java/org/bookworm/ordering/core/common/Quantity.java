package org.bookworm.ordering.core.common;

/** How many copies of one book on one line: 1 to 99. */
public record Quantity(int value) {
    public static final int MIN = 1;
    public static final int MAX = 99;

    public Quantity {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("a quantity is between " + MIN + " and " + MAX + ", not " + value);
        }
    }

    public static Quantity of(int value) {
        return new Quantity(value);
    }
}
