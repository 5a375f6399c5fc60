package org.bookworm.ordering.core.inmemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketLimitExceeded;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.order.OrderId;

/** Baskets in a map; every operation holds one lock, so updates are atomic and caps hold under concurrency. */
public final class InMemoryBasketStore implements BasketStore {
    private final Map<BuyerId, Basket> baskets = new HashMap<>();

    @Override
    public synchronized Basket get(BuyerId buyer) {
        return baskets.getOrDefault(buyer, Basket.empty(buyer));
    }

    @Override
    public synchronized Basket add(BuyerId buyer, BookId book, Quantity quantity) {
        return update(buyer, items -> {
            int now = quantityOf(items, book);
            int after = now + quantity.value();
            if (after > Quantity.MAX) {
                throw new BasketLimitExceeded("at most " + Quantity.MAX + " copies of a book: the basket has " + now);
            }
            return put(items, book, Quantity.of(after));
        });
    }

    @Override
    public synchronized Basket set(BuyerId buyer, BookId book, Quantity quantity) {
        return update(buyer, items -> put(items, book, quantity));
    }

    @Override
    public synchronized Basket remove(BuyerId buyer, BookId book) {
        return update(buyer, items -> {
            items.removeIf(item -> item.book().equals(book));
            return items;
        });
    }

    @Override
    public synchronized Basket replace(BuyerId buyer, List<BasketItem> items) {
        return update(buyer, current -> new ArrayList<>(items));
    }

    @Override
    public synchronized void delete(BuyerId buyer) {
        baskets.remove(buyer);
    }

    @Override
    public synchronized boolean markCheckedOut(BuyerId buyer, OrderId order) {
        Basket basket = get(buyer);
        if (basket.checkedOutBy() != null) {
            return basket.checkedOutBy().equals(order);
        }
        baskets.put(buyer, new Basket(buyer, basket.items(), order));
        return true;
    }

    @Override
    public synchronized void releaseCheckout(BuyerId buyer, OrderId order) {
        Basket basket = get(buyer);
        if (order.equals(basket.checkedOutBy())) {
            store(new Basket(buyer, basket.items(), null));
        }
    }

    @Override
    public synchronized Basket clearCheckedOut(BuyerId buyer, OrderId order, List<BasketItem> checkedOut) {
        Basket basket = get(buyer);
        if (!order.equals(basket.checkedOutBy())) {
            return basket; // cleared before, or never this order's
        }
        var items = new ArrayList<>(basket.items());
        for (BasketItem taken : checkedOut) {
            int left = quantityOf(items, taken.book()) - taken.quantity().value();
            items.removeIf(item -> item.book().equals(taken.book()));
            if (left > 0) {
                items.add(new BasketItem(taken.book(), Quantity.of(left)));
            }
        }
        return store(new Basket(buyer, items, null));
    }

    private Basket update(BuyerId buyer, UnaryOperator<List<BasketItem>> change) {
        Basket basket = get(buyer);
        List<BasketItem> items = change.apply(new ArrayList<>(basket.items()));
        return store(new Basket(buyer, items, basket.checkedOutBy()));
    }

    private Basket store(Basket basket) {
        if (basket.isEmpty() && basket.checkedOutBy() == null) {
            baskets.remove(basket.buyer());
        } else {
            baskets.put(basket.buyer(), basket);
        }
        return basket;
    }

    private static List<BasketItem> put(List<BasketItem> items, BookId book, Quantity quantity) {
        boolean present = items.stream().anyMatch(item -> item.book().equals(book));
        if (!present && items.size() >= Basket.MAX_ITEMS) {
            throw new BasketLimitExceeded("a basket holds at most " + Basket.MAX_ITEMS + " different books");
        }
        items.replaceAll(item -> item.book().equals(book) ? new BasketItem(book, quantity) : item);
        if (!present) {
            items.add(new BasketItem(book, quantity));
        }
        return items;
    }

    private static int quantityOf(List<BasketItem> items, BookId book) {
        return items.stream()
                .filter(item -> Objects.equals(item.book(), book))
                .mapToInt(item -> item.quantity().value())
                .sum();
    }
}
