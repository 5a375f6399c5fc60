package org.bookworm.ordering.core.basket;

import java.util.List;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.OrderId;

/** What happened to a basket. Each event is a fact the basket's state folds; none is ever refused by evolve. */
public sealed interface BasketEvent {
    BuyerId buyer();

    /** {@code quantity} more copies of the book; the line is created at the end when absent. */
    record CopiesAdded(BuyerId buyer, BookId book, Quantity quantity) implements BasketEvent {}

    /** The line now holds exactly {@code quantity}; created at the end when absent. */
    record QuantitySet(BuyerId buyer, BookId book, Quantity quantity) implements BasketEvent {}

    record LineRemoved(BuyerId buyer, BookId book) implements BasketEvent {}

    record ItemsReplaced(BuyerId buyer, List<BasketItem> items) implements BasketEvent {
        public ItemsReplaced {
            items = List.copyOf(items);
        }
    }

    record BasketDeleted(BuyerId buyer) implements BasketEvent {}

    record BasketCheckedOut(BuyerId buyer, OrderId order) implements BasketEvent {}

    record CheckoutReleased(BuyerId buyer, OrderId order) implements BasketEvent {}

    /** The checked-out quantities left the basket (a line keeps what exceeds them) and the mark was lifted. */
    record CheckedOutItemsCleared(BuyerId buyer, OrderId order, List<BasketItem> checkedOut) implements BasketEvent {
        public CheckedOutItemsCleared {
            checkedOut = List.copyOf(checkedOut);
        }
    }
}
