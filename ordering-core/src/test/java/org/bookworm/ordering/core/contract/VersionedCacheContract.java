package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.contract.CacheSamples.view;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.eventsourcing.VersionedCache;
import org.bookworm.ordering.core.eventsourcing.VersionedCache.Versioned;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.bookworm.ordering.core.ordering.OrderView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link VersionedCache} guarantees, on the values we really cache (order views): a value comes back
 * exactly as it was put, with its version; a write never replaces a newer or equal version, also when writers race;
 * an invalidation removes the entry. A subclass only supplies a fresh, empty cache.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class VersionedCacheContract {

    /** A fresh, empty cache; creating it and cleaning up after it is the implementation's job. */
    protected abstract VersionedCache<OrderId, OrderView> emptyCache();

    private static final OrderId ORDER = new OrderId(UUID.randomUUID());
    private static final OrderId OTHER = new OrderId(UUID.randomUUID());

    private VersionedCache<OrderId, OrderView> cache;

    @BeforeEach
    final void createCache() {
        cache = emptyCache();
    }

    @Test
    void an_unknown_key_is_absent() {
        assertThat(cache.get(ORDER)).isEmpty();
    }

    @Test
    void a_value_comes_back_exactly_as_it_was_put_with_its_version() {
        OrderView view = view(ORDER, 3, OrderStatus.PARTIALLY_SHIPPED);

        cache.put(ORDER, 3, view);

        assertThat(cache.get(ORDER)).contains(new Versioned<>(3, view));
    }

    @Test
    void every_field_survives_the_round_trip() {
        OrderView deleted = new OrderView(
                ORDER,
                new BuyerId(UUID.randomUUID()),
                new PersonName("Zoë O'Brien-Ünal 📚"),
                new EmailAddress("zoe+books@example.co.uk"),
                OrderStatus.CANCELLED,
                List.of(),
                Money.of("0", "JPY"),
                new Address("1 \"Quoted\" Lane", "Zürich", "ZH"),
                Instant.parse("2026-01-02T03:04:05.123456789Z"),
                Instant.parse("2026-01-02T03:04:06Z"),
                Long.MAX_VALUE >> 12,
                true);

        cache.put(ORDER, deleted.version(), deleted);

        assertThat(cache.get(ORDER)).contains(new Versioned<>(deleted.version(), deleted));
    }

    @Test
    void a_newer_version_replaces_the_cached_one() {
        cache.put(ORDER, 1, view(ORDER, 1, OrderStatus.PLACED));

        cache.put(ORDER, 2, view(ORDER, 2, OrderStatus.CONFIRMED));

        assertThat(cache.get(ORDER)).contains(new Versioned<>(2, view(ORDER, 2, OrderStatus.CONFIRMED)));
    }

    @Test
    void an_older_or_equal_version_never_replaces_the_cached_one() {
        cache.put(ORDER, 5, view(ORDER, 5, OrderStatus.SHIPPED));

        cache.put(ORDER, 4, view(ORDER, 4, OrderStatus.CONFIRMED));
        cache.put(ORDER, 5, view(ORDER, 5, OrderStatus.FAILED));

        assertThat(cache.get(ORDER)).contains(new Versioned<>(5, view(ORDER, 5, OrderStatus.SHIPPED)));
    }

    @Test
    void invalidating_removes_the_entry_and_a_later_put_fills_it_again() {
        cache.put(ORDER, 5, view(ORDER, 5, OrderStatus.SHIPPED));

        cache.invalidate(ORDER);
        assertThat(cache.get(ORDER)).isEmpty();

        cache.put(ORDER, 2, view(ORDER, 2, OrderStatus.CONFIRMED));
        assertThat(cache.get(ORDER)).contains(new Versioned<>(2, view(ORDER, 2, OrderStatus.CONFIRMED)));
    }

    @Test
    void invalidating_an_absent_key_changes_nothing() {
        cache.put(OTHER, 1, view(OTHER, 1, OrderStatus.PLACED));

        cache.invalidate(ORDER);

        assertThat(cache.get(ORDER)).isEmpty();
        assertThat(cache.get(OTHER)).contains(new Versioned<>(1, view(OTHER, 1, OrderStatus.PLACED)));
    }

    @Test
    void keys_are_independent() {
        cache.put(ORDER, 7, view(ORDER, 7, OrderStatus.SHIPPED));
        cache.put(OTHER, 1, view(OTHER, 1, OrderStatus.PLACED));

        cache.invalidate(OTHER);

        assertThat(cache.get(ORDER)).contains(new Versioned<>(7, view(ORDER, 7, OrderStatus.SHIPPED)));
        assertThat(cache.get(OTHER)).isEmpty();
    }

    @Test
    void racing_writers_leave_the_newest_version() throws Exception {
        List<Integer> versions =
                new ArrayList<>(IntStream.rangeClosed(1, 50).boxed().toList());
        Collections.shuffle(versions, new Random(5));
        var start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            var writes = new ArrayList<Future<?>>();
            for (int version : versions) {
                writes.add(pool.submit(() -> {
                    start.await();
                    cache.put(ORDER, version, view(ORDER, version, OrderStatus.CONFIRMED));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> write : writes) {
                write.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(cache.get(ORDER)).contains(new Versioned<>(50, view(ORDER, 50, OrderStatus.CONFIRMED)));
    }
}
