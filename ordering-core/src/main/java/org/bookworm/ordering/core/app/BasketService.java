package org.bookworm.ordering.core.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.basket.PricedBasket;
import org.bookworm.ordering.core.catalog.Book;
import org.bookworm.ordering.core.catalog.Catalog;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Quantity;

/**
 * The Basket service's use cases: a caller works on their own basket only (the buyer id is the caller's subject).
 * Answers are priced from the catalog at the time of the call. Caps (99 copies of a book, 100 books) are refused with
 * {@code BasketLimitExceeded} and change nothing; a basket store that is down is {@code BasketStoreUnavailable}.
 * Changing a basket while a checkout holds it is allowed: clearing after confirmation keeps what was added since.
 */
public final class BasketService {
    private final BasketStore baskets;
    private final Catalog catalog;

    public BasketService(BasketStore baskets, Catalog catalog) {
        this.baskets = baskets;
        this.catalog = catalog;
    }

    public PricedBasket get(Caller caller) {
        return priced(baskets.get(caller.buyerId()));
    }

    public PricedBasket add(Caller caller, BookId book, Quantity quantity) {
        return priced(baskets.add(caller.buyerId(), book, quantity));
    }

    public PricedBasket set(Caller caller, BookId book, Quantity quantity) {
        return priced(baskets.set(caller.buyerId(), book, quantity));
    }

    public PricedBasket remove(Caller caller, BookId book) {
        return priced(baskets.remove(caller.buyerId(), book));
    }

    public PricedBasket replace(Caller caller, List<BasketItem> items) {
        return priced(baskets.replace(caller.buyerId(), items));
    }

    public void delete(Caller caller) {
        baskets.delete(caller.buyerId());
    }

    PricedBasket priced(Basket basket) {
        Map<BookId, Book> books =
                catalog.books(basket.items().stream().map(BasketItem::book).toList());
        var items = new ArrayList<PricedBasket.Item>();
        Money total = null;
        boolean complete = true;
        for (BasketItem item : basket.items()) {
            Book book = books.get(item.book());
            if (book == null) {
                complete = false;
                items.add(new PricedBasket.Item(item.book(), item.quantity(), null, null, null, null));
                continue;
            }
            Money line = book.unitPrice().times(item.quantity().value());
            total = total == null ? line : total.plus(line);
            items.add(new PricedBasket.Item(
                    item.book(), item.quantity(), book.title(), book.price(), book.salePrice(), book.unitPrice()));
        }
        return new PricedBasket(basket.buyer(), items, complete ? total : null, basket.checkedOutBy());
    }
}
