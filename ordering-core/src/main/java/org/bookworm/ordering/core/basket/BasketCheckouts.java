package org.bookworm.ordering.core.basket;

import java.util.List;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Basket's port for checkout (ADR 0031): what Ordering's checkout and basket clearing, and Finance's saga, ask of a
 * buyer's basket. {@link BasketStore} implements it in Basket's process; another process calls Basket over gRPC.
 * Every method is idempotent. Every implementation passes {@code BasketCheckoutsContract}.
 *
 * @throws BasketStoreUnavailable from any method when the baskets cannot be reached (a transient failure)
 */
public interface BasketCheckouts {
    /** The basket; an empty one when the buyer has none. */
    Basket get(BuyerId buyer);

    /**
     * Marks the basket as checked out by {@code order} if no other checkout holds it; true if the mark is now {@code
     * order}'s (also when it already was). The checkout holds every copy the basket has at this moment.
     */
    boolean markCheckedOut(BuyerId buyer, OrderId order);

    /** Lifts the mark of {@code order}; a mark of another order is left alone. */
    void releaseCheckout(BuyerId buyer, OrderId order);

    /**
     * After a confirmed checkout: takes out of each line the copies the checkout still holds, at most {@code
     * checkedOut}'s quantity, and lifts the mark of {@code order}. Idempotent per order.
     */
    Basket clearCheckedOut(BuyerId buyer, OrderId order, List<BasketItem> checkedOut);
}
