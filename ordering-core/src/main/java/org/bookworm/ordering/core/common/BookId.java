package org.bookworm.ordering.core.common;

import java.util.UUID;

/** A catalog book. */
public record BookId(UUID value) {
    public BookId {
        Ids.requireNotNil(value, "book id");
    }

    public static BookId parse(String text) {
        return new BookId(Ids.parse(text, "book id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
