package org.bookworm.ordering.core.inmemory;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.basket.Catalog;
import org.bookworm.ordering.core.common.BookId;

/** The catalog in a map. */
public final class InMemoryCatalog implements Catalog {
    private final ConcurrentHashMap<BookId, Book> books = new ConcurrentHashMap<>();

    @Override
    public Map<BookId, Book> books(Collection<BookId> ids) {
        var found = new HashMap<BookId, Book>();
        ids.forEach(id -> {
            Book book = books.get(id);
            if (book != null) {
                found.put(id, book);
            }
        });
        return found;
    }

    @Override
    public void put(Book book) {
        books.put(book.id(), book);
    }

    @Override
    public boolean retire(BookId id) {
        return books.computeIfPresent(id, (key, book) -> book.asRetired()) != null;
    }
}
