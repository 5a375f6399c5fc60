package org.bookworm.ordering.core.basket;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.eventsourcing.VersionedCache;

/**
 * Cache-aside over the catalog (the system of record). Reads answer cached books and fetch only the misses, which
 * then fill the cache; {@code put} writes the catalog first and only then the cache. Books carry no version of their
 * own, so entries are stamped from a clock made strictly increasing in this process: a reader stamps before it reads
 * the catalog and a writer after the catalog took the book, so a reader that saw the old book can never put it back
 * over the new one. Across processes this relies on clocks agreeing closer than a read takes; the cache's expiry
 * bounds what a skewed clock can leave behind. A cache that fails costs nothing but speed.
 */
public final class CachedCatalog implements Catalog {
    private final Catalog catalog;
    private final VersionedCache<BookId, Book> cache;
    private final Clock clock;
    private final AtomicLong lastStamp = new AtomicLong();

    public CachedCatalog(Catalog catalog, VersionedCache<BookId, Book> cache, Clock clock) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Map<BookId, Book> books(Collection<BookId> ids) {
        var found = new HashMap<BookId, Book>();
        List<BookId> misses = new ArrayList<>();
        for (BookId id : new LinkedHashSet<>(ids)) {
            cached(id).ifPresentOrElse(book -> found.put(id, book), () -> misses.add(id));
        }
        if (!misses.isEmpty()) {
            long stamp = nextStamp(); // taken before the read: see the class comment
            Map<BookId, Book> stored = catalog.books(misses);
            stored.forEach((id, book) -> remember(id, stamp, book));
            found.putAll(stored);
        }
        return found;
    }

    @Override
    public void put(Book book) {
        catalog.put(book);
        remember(book.id(), nextStamp(), book);
    }

    @Override
    public boolean retire(BookId id) {
        if (!catalog.retire(id)) {
            return false;
        }
        long stamp = nextStamp(); // after the catalog took the change, as for put
        catalog.books(List.of(id)).forEach((key, book) -> remember(key, stamp, book));
        return true;
    }

    /** Microseconds since the epoch, bumped by one whenever the clock did not move on since the last stamp. */
    private long nextStamp() {
        Instant now = clock.instant();
        long micros = TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1_000;
        return lastStamp.updateAndGet(last -> Math.max(last + 1, micros));
    }

    private Optional<Book> cached(BookId id) {
        try {
            return cache.get(id).map(VersionedCache.Versioned::value);
        } catch (RuntimeException cacheFailed) {
            return Optional.empty(); // caches swallow their errors; this guards a read against one that does not
        }
    }

    private void remember(BookId id, long stamp, Book book) {
        try {
            cache.put(id, stamp, book);
        } catch (RuntimeException cacheFailed) {
            // the catalog holds the book; a cache that failed to take it is only slower
        }
    }
}
