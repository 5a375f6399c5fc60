package org.bookworm.ordering.core.port;

/** The kinds of event streams. Checkout and payment streams share the order's id. */
public enum StreamType {
    ORDER("order"),
    BUYER("buyer"),
    CHECKOUT("checkout"),
    PAYMENT("payment");

    private final String prefix;

    StreamType(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public static StreamType fromPrefix(String prefix) {
        for (StreamType type : values()) {
            if (type.prefix.equals(prefix)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown stream type '" + prefix + "'");
    }
}
