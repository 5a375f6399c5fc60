package org.bookworm.ordering.core.basket;

import java.util.Objects;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Published;
import org.jspecify.annotations.Nullable;

/**
 * A catalog entry: the list price, an optional sale price, the stock status, and whether the book was retired. A
 * retired book is no longer sold: checkout refuses a basket line of it; orders placed before keep their snapshot.
 */
@Published
public record Book(
        BookId id, BookTitle title, Money price, @Nullable Money salePrice, StockStatus status, boolean retired) {
    public Book {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(status, "status");
        if (salePrice != null && !salePrice.currency().equals(price.currency())) {
            throw new Money.InvalidMoney("a sale price is in the list price's currency");
        }
    }

    /** A book on sale (not retired). */
    public Book(BookId id, BookTitle title, Money price, @Nullable Money salePrice, StockStatus status) {
        this(id, title, price, salePrice, status, false);
    }

    /** What an order pays: the sale price when there is one above zero, else the list price (BookWorm D9). */
    public Money unitPrice() {
        return onSale() ? Objects.requireNonNull(salePrice) : price;
    }

    /** Whether a sale price applies (one above zero). */
    public boolean onSale() {
        return salePrice != null && !salePrice.isZero();
    }

    /** The same book, no longer sold. */
    public Book asRetired() {
        return new Book(id, title, price, salePrice, status, true);
    }
}
