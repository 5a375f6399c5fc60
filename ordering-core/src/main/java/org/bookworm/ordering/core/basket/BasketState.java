package org.bookworm.ordering.core.basket;

import java.util.List;
import java.util.Objects;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.order.OrderId;
import org.jspecify.annotations.Nullable;

/** The stages of a basket: empty, holding items, or held by an order's checkout (with or without items). */
public sealed interface BasketState {
    List<BasketItem> items();

    /** No lines and no checkout mark: what a buyer without a basket has. */
    record Empty() implements BasketState {
        public List<BasketItem> items() {
            return List.of();
        }
    }

    /** At least one line, no checkout mark. */
    record WithItems(List<BasketItem> items) implements BasketState {
        public WithItems {
            items = List.copyOf(items);
            if (items.isEmpty()) {
                throw new IllegalArgumentException("a basket with items has at least one");
            }
        }
    }

    /** An order's checkout holds the basket; the buyer may still change the lines meanwhile. */
    record CheckedOut(List<BasketItem> items, OrderId order) implements BasketState {
        public CheckedOut {
            items = List.copyOf(items);
            Objects.requireNonNull(order, "order");
        }
    }

    /** The state of lines and a mark. */
    static BasketState of(List<BasketItem> items, @Nullable OrderId checkedOutBy) {
        if (checkedOutBy != null) {
            return new CheckedOut(items, checkedOutBy);
        }
        return items.isEmpty() ? new Empty() : new WithItems(items);
    }

    /** The state of a stored basket. */
    static BasketState of(Basket basket) {
        return of(basket.items(), basket.checkedOutBy());
    }

    default @Nullable OrderId checkedOutBy() {
        return this instanceof CheckedOut checkedOut ? checkedOut.order() : null;
    }

    /** This state as the buyer's stored basket. */
    default Basket toBasket(BuyerId buyer) {
        return new Basket(buyer, items(), checkedOutBy());
    }
}
