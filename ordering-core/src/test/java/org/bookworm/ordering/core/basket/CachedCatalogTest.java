package org.bookworm.ordering.core.basket;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.contract.CatalogContract;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.bookworm.ordering.core.inmemory.InMemoryVersionedCache;
import org.junit.jupiter.api.Test;

/** The decorator passes the catalog's own contract, on a clock that never moves, and caches as promised. */
class CachedCatalogTest extends CatalogContract {
    // A stopped clock: every stamp would be equal without the decorator's strictly increasing stamps.
    private static final Clock STOPPED = Clock.fixed(Instant.parse("2026-03-01T10:15:30Z"), ZoneOffset.UTC);
    private static final BookId DUNE = new BookId(UUID.randomUUID());

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final InMemoryVersionedCache<BookId, Book> cache = new InMemoryVersionedCache<>();

    @Override
    protected Catalog emptyCatalog() {
        return new CachedCatalog(new InMemoryCatalog(), new InMemoryVersionedCache<>(), STOPPED);
    }

    @Test
    void a_read_fills_the_cache_and_the_next_read_is_answered_from_it() {
        var cached = new CachedCatalog(catalog, cache, STOPPED);
        catalog.put(book("12.50"));

        assertThat(cached.books(List.of(DUNE))).isEqualTo(Map.of(DUNE, book("12.50")));
        catalog.put(book("99.00")); // behind the decorator's back: only the cache can still answer 12.50

        assertThat(cache.get(DUNE)).isPresent();
        assertThat(cached.books(List.of(DUNE))).isEqualTo(Map.of(DUNE, book("12.50")));
    }

    @Test
    void a_put_writes_the_catalog_then_the_cache() {
        var cached = new CachedCatalog(catalog, cache, STOPPED);
        cached.put(book("12.50"));
        cached.books(List.of(DUNE));

        cached.put(book("14.00"));

        assertThat(catalog.books(List.of(DUNE))).isEqualTo(Map.of(DUNE, book("14.00")));
        assertThat(cache.get(DUNE).orElseThrow().value()).isEqualTo(book("14.00"));
    }

    @Test
    void a_reader_that_saw_the_old_book_never_puts_it_back_over_a_newer_put() {
        // The writer commits and caches while the reader is between its catalog read and its cache fill.
        var slowReaderCatalog = new RacingCatalog(catalog);
        var cached = new CachedCatalog(slowReaderCatalog, cache, STOPPED);
        catalog.put(book("12.50"));
        slowReaderCatalog.duringNextRead = () -> cached.put(book("14.00"));

        assertThat(cached.books(List.of(DUNE))).isEqualTo(Map.of(DUNE, book("12.50"))); // what it read

        assertThat(cache.get(DUNE).orElseThrow().value()).isEqualTo(book("14.00"));
        assertThat(cached.books(List.of(DUNE))).isEqualTo(Map.of(DUNE, book("14.00")));
    }

    @Test
    void retiring_a_book_updates_its_cached_entry_at_once() {
        var cached = new CachedCatalog(new InMemoryCatalog(), cache, STOPPED);
        cached.put(book("12.50"));
        cached.books(List.of(DUNE));

        assertThat(cached.retire(DUNE)).isTrue();

        assertThat(cache.get(DUNE).orElseThrow().value().retired()).isTrue();
        assertThat(cached.books(List.of(DUNE)).get(DUNE).retired()).isTrue();
    }

    /** A catalog that runs a writer after answering a read, as a concurrent writer would. */
    private static final class RacingCatalog implements Catalog {
        private final Catalog catalog;
        private Runnable duringNextRead = () -> {};

        RacingCatalog(Catalog catalog) {
            this.catalog = catalog;
        }

        @Override
        public Map<BookId, Book> books(Collection<BookId> ids) {
            Map<BookId, Book> read = catalog.books(ids);
            Runnable writer = duringNextRead;
            duringNextRead = () -> {};
            writer.run();
            return read;
        }

        @Override
        public void put(Book book) {
            catalog.put(book);
        }

        @Override
        public boolean retire(BookId id) {
            return catalog.retire(id);
        }
    }

    private static Book book(String price) {
        return new Book(DUNE, new BookTitle("Dune"), Money.of(price, "USD"), null, StockStatus.IN_STOCK);
    }
}
