package org.bookworm.ordering.core.basket;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Published;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * A buyer's basket (one per buyer, id = buyer id): at most {@value #MAX_ITEMS} distinct books, 1 to 99 of each. While
 * an order placed from it is in checkout, {@code checkedOutBy} names that order and a second checkout is refused.
 */
@Published
public record Basket(
        BuyerId buyer, List<BasketItem> items, @Nullable OrderId checkedOutBy) {
    public static final int MAX_ITEMS = 100;

    public Basket {
        Objects.requireNonNull(buyer, "buyer");
        items = List.copyOf(items);
        if (items.size() > MAX_ITEMS) {
            throw new BasketLimitExceeded("a basket holds at most " + MAX_ITEMS + " different books");
        }
        var books = new HashSet<BookId>();
        for (BasketItem item : items) {
            if (!books.add(item.book())) {
                throw new IllegalArgumentException("book " + item.book() + " is listed twice: list each book once");
            }
        }
    }

    public static Basket empty(BuyerId buyer) {
        return new Basket(buyer, List.of(), null);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public Optional<BasketItem> item(BookId book) {
        return items.stream().filter(item -> item.book().equals(book)).findFirst();
    }
}
