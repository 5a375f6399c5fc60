package org.bookworm.ordering.core.basket;

import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Driven port: Basket's stock per book and the reservations of orders. Every method is atomic. Available stock is
 * what is on hand minus what reservations hold; a book the inventory has never stocked has none. A reservation is
 * open (holding stock) until released; after a release it is closed for good, so a late or duplicate reserve never
 * holds stock again. Every implementation passes {@code InventoryContract}.
 */
public interface Inventory {

    /** The answer of {@link #reserve} and {@link #adjust}. */
    sealed interface Answer {
        /** The order now holds exactly what it asked for (or already held its reservation). */
        record Reserved() implements Answer {}

        /** Not enough stock for these books; nothing was held or changed. */
        record OutOfStock(List<BookId> books) implements Answer {
            public OutOfStock {
                books = List.copyOf(books);
            }
        }

        /** The order's reservation was released before: nothing is held again. */
        record Closed() implements Answer {}
    }

    /** Copies on hand and copies open reservations hold; what is available is the difference. */
    record StockLevel(int onHand, int held) {
        /** On hand minus held; below zero when a stock take counted fewer copies than orders hold. */
        public int available() {
            return onHand - held;
        }
    }

    /** The answer of {@link #receive}. */
    sealed interface Receipt {
        /** The copies were added (now, or by the first call with this receipt); the copies on hand right after. */
        record Received(int onHand) implements Receipt {}

        /** The receipt id was used for another book or number of copies; nothing changed. */
        record ReceiptReused() implements Receipt {}
    }

    /** Sets the copies on hand of a book (stock taking). @throws IllegalArgumentException below 0 */
    void restock(BookId book, int onHand);

    /**
     * Goods received: adds {@code copies} on hand, atomically with every other stock change. Idempotent per {@code
     * receipt}: the same receipt (same book and copies) again adds nothing and answers what the first call answered,
     * also when the two race. Reservations are untouched. @throws IllegalArgumentException unless copies is 1 to
     * 1,000,000
     */
    Receipt receive(BookId book, UUID receipt, int copies);

    /** The book's stock as one consistent reading; a book never stocked has none. */
    StockLevel stock(BookId book);

    int onHand(BookId book);

    /** On hand minus what open reservations hold. */
    int available(BookId book);

    /** What the order's open reservation holds; empty when there is none. */
    List<LineQuantity> held(OrderId order);

    /**
     * All or nothing: holds every line or none. Idempotent per order: an order whose reservation is open answers
     * {@code Reserved} again without change (whatever the lines); one released before answers {@code Closed}.
     */
    Answer reserve(OrderId order, List<LineQuantity> lines);

    /**
     * Replaces what the order's open reservation holds by {@code lines} (a modification), all or nothing: on {@code
     * OutOfStock} the old reservation is kept unchanged. Without an open reservation: {@code Closed}.
     */
    Answer adjust(OrderId order, List<LineQuantity> lines);

    /** Frees whatever the order still holds and closes its reservation. Idempotent; also closes an unknown order. */
    void release(OrderId order);

    /**
     * A shipment left the warehouse: takes its copies off hand and out of the order's reservation. Idempotent per
     * {@code shipment}: the same shipment committed again changes nothing.
     */
    void commit(OrderId order, UUID shipment, List<LineQuantity> lines);
}
