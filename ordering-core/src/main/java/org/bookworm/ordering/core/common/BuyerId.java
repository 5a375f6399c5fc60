package org.bookworm.ordering.core.common;

import java.util.UUID;

/** A buyer: the same value as the user's id (the token's subject) and the basket's id. */
public record BuyerId(UUID value) {
    public BuyerId {
        Ids.requireNotNil(value, "buyer id");
    }

    public static BuyerId parse(String text) {
        return new BuyerId(Ids.parse(text, "buyer id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
