package org.bookworm.ordering.core.catalog;

import java.util.Collection;
import java.util.Map;
import org.bookworm.ordering.core.common.BookId;

/** Driven port: the catalog of books and prices. Every implementation passes {@code CatalogContract}. */
public interface Catalog {

    /** The books found among {@code ids}; unknown ids are simply absent. */
    Map<BookId, Book> books(Collection<BookId> ids);

    /** Adds or replaces a book (catalog administration). */
    void put(Book book);
}
