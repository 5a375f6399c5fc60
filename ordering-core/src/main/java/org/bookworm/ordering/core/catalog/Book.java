package org.bookworm.ordering.core.catalog;

import java.util.Objects;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.Money;
import org.jspecify.annotations.Nullable;

/** A catalog entry: the list price, an optional sale price, and the stock status. */
public record Book(
        BookId id, BookTitle title, Money price, @Nullable Money salePrice, StockStatus status) {
    public Book {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(status, "status");
        if (salePrice != null && !salePrice.currency().equals(price.currency())) {
            throw new Money.InvalidMoney("a sale price is in the list price's currency");
        }
    }

    /** What an order pays: the sale price when there is one above zero, else the list price (BookWorm D9). */
    public Money unitPrice() {
        return salePrice != null && !salePrice.isZero() ? salePrice : price;
    }
}
