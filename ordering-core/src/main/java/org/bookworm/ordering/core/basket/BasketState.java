package org.bookworm.ordering.core.basket;

import java.util.List;
import java.util.Objects;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.ordering.OrderId;
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

    /**
     * An order's checkout holds the basket; the buyer may still change the lines meanwhile. {@code held} names, per
     * book, how many of the line's copies are still the checked-out ones: all of them when the basket was marked,
     * fewer once the buyer lowered or removed the line (copies given up never come back). Clearing after the
     * confirmation takes out only these, so every copy the buyer put in after the mark stays.
     */
    record CheckedOut(List<BasketItem> items, OrderId order, List<BasketItem> held) implements BasketState {
        public CheckedOut {
            items = List.copyOf(items);
            Objects.requireNonNull(order, "order");
            held = List.copyOf(held);
        }

        /** Just marked: every copy in the basket is the checkout's. */
        public CheckedOut(List<BasketItem> items, OrderId order) {
            this(items, order, items);
        }
    }

    /** The state of lines, a mark and the copies it holds (ignored without a mark). */
    static BasketState of(List<BasketItem> items, @Nullable OrderId checkedOutBy, List<BasketItem> held) {
        if (checkedOutBy != null) {
            return new CheckedOut(items, checkedOutBy, held);
        }
        return items.isEmpty() ? new Empty() : new WithItems(items);
    }

    /** The copies the checkout still holds, book by book; none without a checkout. */
    default List<BasketItem> held() {
        return this instanceof CheckedOut checkedOut ? checkedOut.held() : List.of();
    }

    default @Nullable OrderId checkedOutBy() {
        return this instanceof CheckedOut checkedOut ? checkedOut.order() : null;
    }

    /** This state as the buyer's stored basket. */
    default Basket toBasket(BuyerId buyer) {
        return new Basket(buyer, items(), checkedOutBy());
    }
}
