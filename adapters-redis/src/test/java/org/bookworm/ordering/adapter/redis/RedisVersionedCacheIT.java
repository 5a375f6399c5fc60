package org.bookworm.ordering.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.contract.CacheSamples.view;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.basket.StockStatus;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.contract.VersionedCacheContract;
import org.bookworm.ordering.core.eventsourcing.VersionedCache;
import org.bookworm.ordering.core.eventsourcing.VersionedCache.Versioned;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.bookworm.ordering.core.ordering.OrderView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cache contract against a real Redis, plus book values, expiry and unreadable entries. */
class RedisVersionedCacheIT extends VersionedCacheContract {
    private static final OrderId ORDER = new OrderId(UUID.randomUUID());

    private final TestRedis redis = new TestRedis();

    @Override
    protected VersionedCache<OrderId, OrderView> emptyCache() {
        return redis.adapters().orderViewCache();
    }

    @AfterEach
    void deleteMyKeys() {
        redis.close();
    }

    @Test
    void books_with_and_without_a_sale_price_survive_the_round_trip() {
        VersionedCache<BookId, Book> books = redis.adapters().bookCache();
        var onSale = new Book(
                new BookId(UUID.randomUUID()),
                new BookTitle("Emma"),
                Money.of("20.00", "EUR"),
                Money.of("0.00", "EUR"),
                StockStatus.OUT_OF_STOCK);
        var plain = new Book(
                new BookId(UUID.randomUUID()),
                new BookTitle("Dune"),
                Money.of("1250", "JPY"),
                null,
                StockStatus.IN_STOCK);

        books.put(onSale.id(), 1, onSale);
        books.put(plain.id(), 2, plain);

        assertThat(books.get(onSale.id())).contains(new Versioned<>(1, onSale));
        assertThat(books.get(plain.id())).contains(new Versioned<>(2, plain));
    }

    @Test
    void versions_beyond_a_doubles_precision_are_still_compared_exactly() {
        VersionedCache<OrderId, OrderView> cache = redis.adapters().orderViewCache();
        long huge = Long.MAX_VALUE - 1;

        cache.put(ORDER, huge, view(ORDER, huge, OrderStatus.SHIPPED));
        cache.put(ORDER, huge - 1, view(ORDER, huge - 1, OrderStatus.CONFIRMED));
        assertThat(cache.get(ORDER)).contains(new Versioned<>(huge, view(ORDER, huge, OrderStatus.SHIPPED)));

        cache.put(ORDER, huge + 1, view(ORDER, huge + 1, OrderStatus.COMPLETED));
        assertThat(cache.get(ORDER).orElseThrow().version()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void entries_expire_after_the_cache_ttl() {
        redis.adapters().orderViewCache().put(ORDER, 1, view(ORDER, 1, OrderStatus.PLACED));

        var millis = new AtomicLong();
        redis.raw(raw -> millis.set(raw.pttl(entryKey())));

        assertThat(Duration.ofMillis(millis.get()))
                .isBetween(RedisConfig.DEFAULT_CACHE_TTL.minusMinutes(1), RedisConfig.DEFAULT_CACHE_TTL);
    }

    @Test
    void an_unreadable_entry_is_a_counted_miss_and_a_newer_write_repairs_it() {
        RedisAdapters adapters = redis.adapters();
        VersionedCache<OrderId, OrderView> cache = adapters.orderViewCache();
        redis.raw(raw -> raw.hset(entryKey(), Map.of("v", "3", "d", "{not json")));

        assertThat(cache.get(ORDER)).isEmpty();
        assertThat(adapters.cacheErrors()).isEqualTo(1);

        cache.put(ORDER, 4, view(ORDER, 4, OrderStatus.CONFIRMED));
        assertThat(cache.get(ORDER)).contains(new Versioned<>(4, view(ORDER, 4, OrderStatus.CONFIRMED)));
    }

    private String entryKey() {
        return redis.config().keyPrefix() + "cache:order-view:" + ORDER;
    }
}
