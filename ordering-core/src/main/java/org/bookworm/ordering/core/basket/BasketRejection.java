package org.bookworm.ordering.core.basket;

import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.OrderId;

/** Why a basket refused a command; nothing changed. Each reason says what the buyer can do about it. */
public sealed interface BasketRejection {
    BuyerId buyer();

    String message();

    /** Adding would put more than 99 copies of one book in the basket. */
    record TooManyCopies(BuyerId buyer, BookId book, int inBasket, int adding) implements BasketRejection {
        public String message() {
            return "at most " + Quantity.MAX + " copies of a book: the basket has " + inBasket;
        }
    }

    /** The update would put more than 100 different books in the basket. */
    record TooManyBooks(BuyerId buyer) implements BasketRejection {
        public String message() {
            return "a basket holds at most " + Basket.MAX_ITEMS + " different books";
        }
    }

    /** Setting or removing a line the basket does not have. */
    record NotInBasket(BuyerId buyer, BookId book) implements BasketRejection {
        public String message() {
            return "book " + book + " is not in your basket: add it first";
        }
    }

    /** A replacement lists the same book twice. */
    record BookListedTwice(BuyerId buyer, BookId book) implements BasketRejection {
        public String message() {
            return "book " + book + " is listed twice: list each book once";
        }
    }

    /** Another order's checkout holds the basket: finish or cancel that order first. */
    record CheckedOutByAnotherOrder(BuyerId buyer, OrderId holder, OrderId requested) implements BasketRejection {
        public String message() {
            return "the basket is in the checkout of order " + holder + ": wait for it to finish or cancel it";
        }
    }
}
