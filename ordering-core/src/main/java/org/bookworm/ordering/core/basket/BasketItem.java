package org.bookworm.ordering.core.basket;

import java.util.Objects;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Published;
import org.bookworm.ordering.core.common.Quantity;

/** A book in a basket and how many copies; no price: prices come from the catalog at checkout. */
@Published
public record BasketItem(BookId book, Quantity quantity) {
    public BasketItem {
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(quantity, "quantity");
    }
}
