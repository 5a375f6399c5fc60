package org.bookworm.ordering.core.ordering;

import java.util.List;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;

/**
 * Why checkout (PlaceOrder from the basket, or a modification that needs stock and payment) refused: one of its own
 * reasons, or the order's own {@link OrderRejection}, passed on as it is (never wrapped), so every caller and the gRPC
 * error mapping see the same rejection whichever use case gave it.
 */
public sealed interface CheckoutRejection
        permits CheckoutRejection.NoBuyerProfile,
                CheckoutRejection.EmptyBasket,
                CheckoutRejection.UnknownBook,
                CheckoutRejection.RetiredBook,
                CheckoutRejection.BasketAlreadyCheckedOut,
                CheckoutRejection.OutOfStock,
                CheckoutRejection.PaymentDeclined,
                CheckoutRejection.CheckoutNotConfirmed,
                OrderRejection {
    String message();

    /** The buyer has no profile (name, e-mail, address) to place an order with. */
    record NoBuyerProfile(BuyerId buyer) implements CheckoutRejection {
        public String message() {
            return "create your buyer profile (name, e-mail, address) before placing an order";
        }
    }

    record EmptyBasket(BuyerId buyer) implements CheckoutRejection {
        public String message() {
            return "the basket is empty: add books before placing an order";
        }
    }

    /** A basket line names a book the catalog does not know; nothing was written. */
    record UnknownBook(BookId book) implements CheckoutRejection {
        public String message() {
            return "book " + book + " is not in the catalog: remove it from the basket";
        }
    }

    /** A basket line names a book the catalog retired (no longer sold); nothing was written. */
    record RetiredBook(BookId book, BookTitle title) implements CheckoutRejection {
        public String message() {
            return "\"" + title.value() + "\" (book " + book + ") is no longer sold: remove it from the basket";
        }
    }

    /** Another order's checkout holds the basket until that checkout ends. */
    record BasketAlreadyCheckedOut(BuyerId buyer, OrderId order) implements CheckoutRejection {
        public String message() {
            return "basket already checked out by order " + order;
        }
    }

    /** A modification needs more copies than the inventory has; the order was not changed. */
    record OutOfStock(OrderId order, List<BookId> books) implements CheckoutRejection {
        public OutOfStock {
            books = List.copyOf(books);
        }

        public String message() {
            return "not enough stock for " + books + ": the order was not changed";
        }
    }

    /** A modification raised the total and the payment provider refused the difference; the order was not changed. */
    record PaymentDeclined(OrderId order, String reason) implements CheckoutRejection {
        public String message() {
            return "the payment for the higher total was declined (" + reason + "): the order was not changed";
        }
    }

    /** The order's checkout has not finished (or has ended): a modification must wait for confirmation. */
    record CheckoutNotConfirmed(OrderId order) implements CheckoutRejection {
        public String message() {
            return "order " + order + " is not confirmed yet: try again once checkout has finished";
        }
    }
}
