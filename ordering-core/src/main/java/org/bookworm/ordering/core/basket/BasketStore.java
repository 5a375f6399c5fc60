package org.bookworm.ordering.core.basket;

import java.util.List;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * Driven port: baskets, one per buyer, following {@link BasketDecider}'s rules. Every update is per item and atomic,
 * so concurrent adds never lose one; caps (99 per book, 100 books) hold under concurrency. Every change answers the
 * basket as it is after the call, or why it was refused (nothing changed).
 *
 * <p>A change sent with a {@link BasketRequest} is done at most once per request id and basket: the store remembers,
 * atomically with the change, the answer of at least the last {@value #REMEMBERED_REQUESTS} request ids of each basket
 * (Redis: for {@code 24 h} after the basket's last change), and answers a retry with the same id and request exactly
 * as the first call, also when the two race; the same id with another request is {@link BasketAnswer.RequestReused}.
 * Every implementation passes {@code BasketStoreContract}.
 *
 * @throws BasketStoreUnavailable from any method when the store cannot be reached
 */
public interface BasketStore extends BasketCheckouts {
    /** How many request ids per basket a store remembers at least. */
    int REMEMBERED_REQUESTS = 32;

    /** The basket; an empty one when the buyer has none. */
    Basket get(BuyerId buyer);

    /** Adds copies of a book, creating the line if needed; refused past a cap. */
    BasketAnswer<Basket> add(BuyerId buyer, BookId book, Quantity quantity, @Nullable BasketRequest request);

    /** Sets the quantity of a line the basket has; {@code NotInBasket} otherwise. */
    BasketAnswer<Basket> set(BuyerId buyer, BookId book, Quantity quantity, @Nullable BasketRequest request);

    /** Removes a line the basket has; {@code NotInBasket} otherwise. */
    BasketAnswer<Basket> remove(BuyerId buyer, BookId book, @Nullable BasketRequest request);

    /** Replaces every line at once (none: the basket is emptied); refused past 100 books or a book listed twice. */
    BasketAnswer<Basket> replace(BuyerId buyer, List<BasketItem> items, @Nullable BasketRequest request);

    /** Deletes the basket, lines and checkout mark; answers the empty basket. */
    BasketAnswer<Basket> delete(BuyerId buyer, @Nullable BasketRequest request);

    /**
     * Marks the basket as checked out by {@code order} if no other checkout holds it; true if the mark is now {@code
     * order}'s (also when it already was). The checkout holds every copy the basket has at this moment.
     */
    boolean markCheckedOut(BuyerId buyer, OrderId order);

    /** Lifts the mark of {@code order}; a mark of another order is left alone. */
    void releaseCheckout(BuyerId buyer, OrderId order);

    /**
     * After a confirmed checkout: takes out of each line the copies the checkout still holds, at most {@code
     * checkedOut}'s quantity, and lifts the mark of {@code order}. The checkout holds the copies the basket had when
     * it was marked, less what the buyer gave up since (a line lowered below them, removed, or replaced without them),
     * so copies added or raised meanwhile stay, and so do lines removed and added again. Idempotent per order.
     */
    Basket clearCheckedOut(BuyerId buyer, OrderId order, List<BasketItem> checkedOut);
}
