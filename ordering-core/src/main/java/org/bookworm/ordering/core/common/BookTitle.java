package org.bookworm.ordering.core.common;

/** A book's title as the catalog gave it when the order was placed. */
public record BookTitle(String value) {
    public BookTitle {
        Texts.requireClean(value, "book title", 300);
    }
}
