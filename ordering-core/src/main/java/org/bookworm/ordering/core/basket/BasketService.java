package org.bookworm.ordering.core.basket;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.RequestHash;
import org.jspecify.annotations.Nullable;

/**
 * The Basket service's use cases: a caller works on their own basket only (the buyer id is the caller's subject).
 * Answers are priced from the catalog at the time of the call. Refusals are answers that change nothing: past a cap
 * (99 copies of a book, 100 books), a line the basket does not have, a book listed twice; a basket store that is down
 * is {@code BasketStoreUnavailable}. With a request id a change happens at most once: a retry answers what the first
 * call answered (also when they race), and the id sent with another request is {@code RequestReused}. Changing a
 * basket while a checkout holds it is allowed: clearing after confirmation keeps what was put in since.
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

    public BasketAnswer<PricedBasket> add(Caller caller, @Nullable String requestId, BookId book, Quantity quantity) {
        var request = request(requestId, "add", book, quantity);
        return baskets.add(caller.buyerId(), book, quantity, request).map(this::priced);
    }

    public BasketAnswer<PricedBasket> set(Caller caller, @Nullable String requestId, BookId book, Quantity quantity) {
        var request = request(requestId, "set", book, quantity);
        return baskets.set(caller.buyerId(), book, quantity, request).map(this::priced);
    }

    public BasketAnswer<PricedBasket> remove(Caller caller, @Nullable String requestId, BookId book) {
        var request = request(requestId, "remove", book);
        return baskets.remove(caller.buyerId(), book, request).map(this::priced);
    }

    public BasketAnswer<PricedBasket> replace(Caller caller, @Nullable String requestId, List<BasketItem> items) {
        var request = request(requestId, "replace", items);
        return baskets.replace(caller.buyerId(), items, request).map(this::priced);
    }

    public BasketAnswer<PricedBasket> delete(Caller caller, @Nullable String requestId) {
        return baskets.delete(caller.buyerId(), request(requestId, "delete")).map(this::priced);
    }

    /** {@link #add(Caller, String, BookId, Quantity)} without a request id (in-process callers, tests, demos). */
    public BasketAnswer<PricedBasket> add(Caller caller, BookId book, Quantity quantity) {
        return add(caller, null, book, quantity);
    }

    /** {@link #set(Caller, String, BookId, Quantity)} without a request id. */
    public BasketAnswer<PricedBasket> set(Caller caller, BookId book, Quantity quantity) {
        return set(caller, null, book, quantity);
    }

    /** {@link #remove(Caller, String, BookId)} without a request id. */
    public BasketAnswer<PricedBasket> remove(Caller caller, BookId book) {
        return remove(caller, null, book);
    }

    /** {@link #replace(Caller, String, List)} without a request id. */
    public BasketAnswer<PricedBasket> replace(Caller caller, List<BasketItem> items) {
        return replace(caller, null, items);
    }

    /** {@link #delete(Caller, String)} without a request id. */
    public BasketAnswer<PricedBasket> delete(Caller caller) {
        return delete(caller, null);
    }

    private static @Nullable BasketRequest request(@Nullable String requestId, Object... asked) {
        return requestId == null ? null : new BasketRequest(requestId, RequestHash.of(asked));
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
                items.add(new PricedBasket.Item(item.book(), item.quantity(), null, null, null, null, false));
                continue;
            }
            Money line = book.unitPrice().times(item.quantity().value());
            total = total == null ? line : total.plus(line);
            items.add(new PricedBasket.Item(
                    item.book(),
                    item.quantity(),
                    book.title(),
                    book.price(),
                    book.onSale() ? book.salePrice() : null,
                    book.unitPrice(),
                    book.retired()));
        }
        return new PricedBasket(basket.buyer(), items, complete ? total : null, basket.checkedOutBy());
    }
}
