package org.bookworm.ordering.core.basket;

import java.util.List;
import java.util.Objects;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.OrderId;

/** What may be asked of a buyer's basket: one command per {@link BasketStore} update. */
public sealed interface BasketCommand {
    BuyerId buyer();

    /** Adds copies of a book, creating the line if needed. */
    record AddCopies(BuyerId buyer, BookId book, Quantity quantity) implements BasketCommand {
        public AddCopies {
            Objects.requireNonNull(buyer, "buyer");
            Objects.requireNonNull(book, "book");
            Objects.requireNonNull(quantity, "quantity");
        }
    }

    /** Sets the quantity of a line the basket has. */
    record SetQuantity(BuyerId buyer, BookId book, Quantity quantity) implements BasketCommand {
        public SetQuantity {
            Objects.requireNonNull(buyer, "buyer");
            Objects.requireNonNull(book, "book");
            Objects.requireNonNull(quantity, "quantity");
        }
    }

    /** Removes a line the basket has. */
    record RemoveLine(BuyerId buyer, BookId book) implements BasketCommand {
        public RemoveLine {
            Objects.requireNonNull(buyer, "buyer");
            Objects.requireNonNull(book, "book");
        }
    }

    /** Replaces every line at once (the checkout mark stays). */
    record ReplaceAll(BuyerId buyer, List<BasketItem> items) implements BasketCommand {
        public ReplaceAll {
            Objects.requireNonNull(buyer, "buyer");
            items = List.copyOf(items);
        }
    }

    /** Deletes the basket: lines and checkout mark. */
    record DeleteBasket(BuyerId buyer) implements BasketCommand {
        public DeleteBasket {
            Objects.requireNonNull(buyer, "buyer");
        }
    }

    /** Marks the basket as checked out by an order placed from it. */
    record MarkCheckedOut(BuyerId buyer, OrderId order) implements BasketCommand {
        public MarkCheckedOut {
            Objects.requireNonNull(buyer, "buyer");
            Objects.requireNonNull(order, "order");
        }
    }

    /** Lifts the checkout mark of this order (its checkout failed or was cancelled). */
    record ReleaseCheckout(BuyerId buyer, OrderId order) implements BasketCommand {
        public ReleaseCheckout {
            Objects.requireNonNull(buyer, "buyer");
            Objects.requireNonNull(order, "order");
        }
    }

    /** After this order's confirmed checkout: removes exactly the checked-out quantities and lifts its mark. */
    record ClearCheckedOut(BuyerId buyer, OrderId order, List<BasketItem> checkedOut) implements BasketCommand {
        public ClearCheckedOut {
            Objects.requireNonNull(buyer, "buyer");
            Objects.requireNonNull(order, "order");
            checkedOut = List.copyOf(checkedOut);
        }
    }
}
