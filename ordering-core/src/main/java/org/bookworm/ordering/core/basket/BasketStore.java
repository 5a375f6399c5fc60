package org.bookworm.ordering.core.basket;

import java.util.List;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.order.OrderId;

/**
 * Driven port: baskets, one per buyer. Every update is per item and atomic, so concurrent adds never lose one; caps
 * (99 per book, 100 books) hold under concurrency. Every method answers the basket as it is after the call. Every
 * implementation passes {@code BasketStoreContract}.
 *
 * @throws BasketStoreUnavailable from any method when the store cannot be reached
 */
public interface BasketStore {

    /** The basket; an empty one when the buyer has none. */
    Basket get(BuyerId buyer);

    /** Adds copies of a book, creating the line if needed. @throws BasketLimitExceeded past a cap; nothing changes */
    Basket add(BuyerId buyer, BookId book, Quantity quantity);

    /** Sets a line's quantity, creating the line if needed. @throws BasketLimitExceeded past 100 books */
    Basket set(BuyerId buyer, BookId book, Quantity quantity);

    /** Removes a line; removing an absent line changes nothing. */
    Basket remove(BuyerId buyer, BookId book);

    /** Replaces every line at once. @throws BasketLimitExceeded past 100 books */
    Basket replace(BuyerId buyer, List<BasketItem> items);

    /** Deletes the basket, lines and checkout mark. */
    void delete(BuyerId buyer);

    /**
     * Marks the basket as checked out by {@code order} if no other checkout holds it; true if the mark is now {@code
     * order}'s (also when it already was).
     */
    boolean markCheckedOut(BuyerId buyer, OrderId order);

    /** Lifts the mark of {@code order}; a mark of another order is left alone. */
    void releaseCheckout(BuyerId buyer, OrderId order);

    /**
     * After a confirmed checkout: removes exactly the checked-out quantities (lines added or raised meanwhile keep
     * the difference) and lifts the mark of {@code order}. Idempotent per order.
     */
    Basket clearCheckedOut(BuyerId buyer, OrderId order, List<BasketItem> checkedOut);
}
