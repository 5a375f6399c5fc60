package org.bookworm.ordering.core.basket;

import java.util.Collection;
import java.util.Map;
import org.bookworm.ordering.core.common.BookId;

/**
 * Driven port: the catalog of books and prices (catalog administration writes, everyone reads). Retired books stay in
 * it, marked retired, so baskets and checkout can name them. Every implementation passes {@code CatalogContract}.
 */
public interface Catalog {

    /** The books found among {@code ids}, retired ones included; unknown ids are simply absent. */
    Map<BookId, Book> books(Collection<BookId> ids);

    /** Adds or replaces a book; a retired book put again is sold again (idempotent: it sets, never adds). */
    void put(Book book);

    /** Marks the book retired; true if the catalog has it (also when it was retired already), false if not. */
    boolean retire(BookId id);
}
