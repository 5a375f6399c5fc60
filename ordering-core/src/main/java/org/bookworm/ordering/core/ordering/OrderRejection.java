package org.bookworm.ordering.core.ordering;

import org.bookworm.ordering.core.common.BookId;

/**
 * Why an order refused a command. Each reason says what a person can do about it. A checkout that Ordering refuses
 * answers with the same reason: every order rejection is also a {@link CheckoutRejection}.
 */
public sealed interface OrderRejection extends CheckoutRejection {
    OrderId orderId();

    String message();

    record EmptyOrder(OrderId orderId) implements OrderRejection {
        public String message() {
            return "an order needs at least one line: add books to the basket first";
        }
    }

    record AlreadyPlaced(OrderId orderId) implements OrderRejection {
        public String message() {
            return "order " + orderId + " already exists";
        }
    }

    /** No such order, a deleted one, or one of another buyer: indistinguishable on purpose. */
    record UnknownOrder(OrderId orderId) implements OrderRejection {
        public String message() {
            return "no order " + orderId;
        }
    }

    record NotAllowed(OrderId orderId, String action, String stage) implements OrderRejection {
        public String message() {
            return "cannot " + action + " a " + stage + " order";
        }
    }

    /** The order has no line for this book. */
    record UnknownLine(OrderId orderId, BookId book) implements OrderRejection {
        public String message() {
            return "order " + orderId + " has no line for book " + book;
        }
    }

    record ExceedsOpenQuantity(OrderId orderId, BookId book, int requested, int open) implements OrderRejection {
        public String message() {
            return "cannot ship " + requested + " of book " + book + ": only " + open + " left to ship";
        }
    }

    record LastLine(OrderId orderId, BookId book) implements OrderRejection {
        public String message() {
            return "cannot remove the last line of an order: cancel the order instead";
        }
    }

    /** The caller may see the order but not do this to it (a buyer shipping, say). */
    record Forbidden(OrderId orderId, String action) implements OrderRejection {
        public String message() {
            return "only an admin may " + action + " an order";
        }
    }
}
