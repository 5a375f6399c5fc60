package org.bookworm.ordering.core.basket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.core.basket.Inventory.StockLevel;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Caller;

/**
 * Catalog administration and reading: books and prices (everyone reads; admins put and retire), and the stock of
 * each book (admins read it, set it after a stock take, and record deliveries). A book must be in the catalog before
 * its stock is set or received. Retiring keeps the book (marked retired): orders keep their snapshot, baskets show
 * the flag, checkout refuses the line. Stock changes leave reservations alone: setting on hand below what orders
 * hold makes availability negative until stock arrives, and new reservations of the book fail meanwhile. Who may
 * call what is the API's access policy; this class checks the catalog rules only.
 */
public final class CatalogService {
    private final Catalog catalog;
    private final Inventory inventory;

    public CatalogService(Catalog catalog, Inventory inventory) {
        this.catalog = catalog;
        this.inventory = inventory;
    }

    /** The books found among {@code ids} (retired ones included); unknown ids are absent. */
    public Map<BookId, Book> books(Collection<BookId> ids) {
        return catalog.books(ids);
    }

    /** Adds or replaces a book; a retired book put again is sold again. Idempotent by nature. */
    public void put(Book book) {
        catalog.put(book);
    }

    /** Stops selling the book; the book as it is now. Idempotent by nature. */
    public CatalogAnswer<Book> retire(BookId book) {
        if (!catalog.retire(book)) {
            return unknown(book);
        }
        return new CatalogAnswer.Done<>(catalog.books(List.of(book)).get(book));
    }

    /** Each book's stock, in the order asked; refused when one of them is not in the catalog. */
    public CatalogAnswer<List<BookStock>> stock(List<BookId> books) {
        Map<BookId, Book> known = catalog.books(books);
        var levels = new ArrayList<BookStock>(books.size());
        for (BookId book : books) {
            if (!known.containsKey(book)) {
                return unknown(book);
            }
            levels.add(new BookStock(book, inventory.stock(book)));
        }
        return new CatalogAnswer.Done<>(levels);
    }

    /** Sets the copies on hand after a stock take; the stock after. Idempotent by nature. */
    public CatalogAnswer<BookStock> setStock(BookId book, int onHand) {
        if (catalog.books(List.of(book)).isEmpty()) {
            return unknown(book);
        }
        inventory.restock(book, onHand);
        return new CatalogAnswer.Done<>(new BookStock(book, inventory.stock(book)));
    }

    /**
     * Records a delivery of {@code copies}: once per request id of the caller, so a retry adds nothing and answers the
     * copies on hand right after the first call; the id sent with another delivery is refused.
     */
    public CatalogAnswer<Integer> receiveStock(Caller caller, String requestId, BookId book, int copies) {
        if (catalog.books(List.of(book)).isEmpty()) {
            return unknown(book);
        }
        UUID receipt = UUID.nameUUIDFromBytes(
                ("stock-receipt/" + caller.subject() + "/" + requestId).getBytes(StandardCharsets.UTF_8));
        return switch (inventory.receive(book, receipt, copies)) {
            case Inventory.Receipt.Received received -> new CatalogAnswer.Done<>(received.onHand());
            case Inventory.Receipt.ReceiptReused reused ->
                new CatalogAnswer.Refused<>(new CatalogAnswer.Rejection.DeliveryIdReused(requestId));
        };
    }

    /** A book's stock as admins read it. */
    public record BookStock(BookId book, StockLevel level) {}

    private static <T> CatalogAnswer<T> unknown(BookId book) {
        return new CatalogAnswer.Refused<>(new CatalogAnswer.Rejection.UnknownBook(book));
    }
}
