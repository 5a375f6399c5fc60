package org.bookworm.ordering.core.ordering;

import java.util.Objects;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Published;
import org.bookworm.ordering.core.common.Quantity;

/** One book on an order, at the unit price the catalog gave when the order was placed (never the client's). */
@Published
public record OrderLine(BookId book, BookTitle title, Quantity quantity, Money unitPrice) {
    public OrderLine {
        Objects.requireNonNull(book, "book");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unit price");
    }

    public Money lineTotal() {
        return unitPrice.times(quantity.value());
    }

    public OrderLine withQuantity(Quantity newQuantity) {
        return new OrderLine(book, title, newQuantity, unitPrice);
    }
}
