package org.bookworm.ordering.core.ordering;

import java.util.UUID;
import org.bookworm.ordering.core.common.Ids;
import org.bookworm.ordering.core.common.Published;

/** An order; also the id of its checkout saga and its payment. */
@Published
public record OrderId(UUID value) {
    public OrderId {
        Ids.requireNotNil(value, "order id");
    }

    public static OrderId parse(String text) {
        return new OrderId(Ids.parse(text, "order id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
