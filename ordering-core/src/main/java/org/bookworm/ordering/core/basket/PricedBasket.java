package org.bookworm.ordering.core.basket;

import java.util.List;
import java.util.Objects;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * A basket as the buyer sees it: every item with the catalog's current title and prices. A book the catalog does not
 * know has no title or price, and a retired book is flagged (checkout would refuse either). {@code total} is the sum
 * at unit prices, and null when the basket is empty or holds an unknown book.
 */
public record PricedBasket(
        BuyerId buyer,
        List<Item> items,
        @Nullable Money total,
        @Nullable OrderId checkedOutBy) {
    public PricedBasket {
        Objects.requireNonNull(buyer, "buyer");
        items = List.copyOf(items);
    }

    /**
     * One basket line: {@code price} is the list price, {@code salePrice} the sale price while one applies (above
     * zero), {@code unitPrice} what checkout charges (the sale price when it applies, else the list price); {@code
     * retired} says the catalog no longer sells the book (checkout refuses the line).
     */
    public record Item(
            BookId book,
            Quantity quantity,
            @Nullable BookTitle title,
            @Nullable Money price,
            @Nullable Money salePrice,
            @Nullable Money unitPrice,
            boolean retired) {
        public boolean known() {
            return unitPrice != null;
        }
    }
}
