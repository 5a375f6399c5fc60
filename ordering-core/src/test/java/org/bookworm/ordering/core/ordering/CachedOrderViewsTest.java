package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.contract.CacheSamples.view;

import java.util.Optional;
import java.util.UUID;
import org.bookworm.ordering.core.common.PageRequest;
import org.bookworm.ordering.core.eventsourcing.VersionedCache;
import org.bookworm.ordering.core.eventsourcing.VersionedCache.Versioned;
import org.bookworm.ordering.core.inmemory.InMemoryOrderViews;
import org.bookworm.ordering.core.inmemory.InMemoryVersionedCache;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class CachedOrderViewsTest {
    private static final OrderId ORDER = new OrderId(UUID.randomUUID());

    private final InMemoryOrderViews views = new InMemoryOrderViews();
    private final InMemoryVersionedCache<OrderId, OrderView> cache = new InMemoryVersionedCache<>();
    private final CachedOrderViews cached = new CachedOrderViews(views, cache);

    @Test
    void a_miss_is_read_from_the_read_models_and_fills_the_cache_with_their_version() {
        views.save(view(ORDER, 2, OrderStatus.CONFIRMED));

        assertThat(cached.find(ORDER)).contains(view(ORDER, 2, OrderStatus.CONFIRMED));
        assertThat(cache.get(ORDER)).contains(new Versioned<>(2, view(ORDER, 2, OrderStatus.CONFIRMED)));
    }

    @Test
    void a_hit_is_answered_from_the_cache() {
        views.save(view(ORDER, 2, OrderStatus.CONFIRMED));
        cached.find(ORDER);
        views.save(view(ORDER, 3, OrderStatus.SHIPPED)); // behind the decorator's back: only the cache can answer v2

        assertThat(cached.find(ORDER)).contains(view(ORDER, 2, OrderStatus.CONFIRMED));
    }

    @Test
    void an_unknown_order_is_absent_and_caches_nothing() {
        assertThat(cached.find(ORDER)).isEmpty();
        assertThat(cache.get(ORDER)).isEmpty();
    }

    @Test
    void saving_writes_the_read_models_then_the_cache_with_the_new_version() {
        cached.save(view(ORDER, 1, OrderStatus.PLACED));
        cached.find(ORDER);

        cached.save(view(ORDER, 2, OrderStatus.CONFIRMED));

        assertThat(views.find(ORDER)).contains(view(ORDER, 2, OrderStatus.CONFIRMED));
        assertThat(cache.get(ORDER)).contains(new Versioned<>(2, view(ORDER, 2, OrderStatus.CONFIRMED)));
        assertThat(cached.find(ORDER)).contains(view(ORDER, 2, OrderStatus.CONFIRMED));
    }

    @Test
    void a_redelivered_older_view_never_reaches_the_cache() {
        views.save(view(ORDER, 5, OrderStatus.SHIPPED));

        cached.save(view(ORDER, 3, OrderStatus.CONFIRMED));

        assertThat(cache.get(ORDER)).contains(new Versioned<>(5, view(ORDER, 5, OrderStatus.SHIPPED)));
        assertThat(cached.find(ORDER)).contains(view(ORDER, 5, OrderStatus.SHIPPED));
    }

    @Test
    void lists_come_from_the_read_models() {
        cached.save(view(ORDER, 1, OrderStatus.PLACED));

        assertThat(cached.list(new OrderQuery(null, null, new PageRequest(10, null)))
                        .items())
                .containsExactly(view(ORDER, 1, OrderStatus.PLACED).summary());
    }

    @Test
    void a_cache_that_throws_costs_no_read_and_no_write() {
        var overBrokenCache = new CachedOrderViews(views, new BrokenCache());

        overBrokenCache.save(view(ORDER, 1, OrderStatus.PLACED));
        overBrokenCache.save(view(ORDER, 2, OrderStatus.CONFIRMED));

        assertThat(overBrokenCache.find(ORDER)).contains(view(ORDER, 2, OrderStatus.CONFIRMED));
        assertThat(views.find(ORDER)).contains(view(ORDER, 2, OrderStatus.CONFIRMED));
    }

    /** A cache implementation that breaks its port's promise to swallow its errors. */
    private static final class BrokenCache implements VersionedCache<OrderId, OrderView> {
        @Override
        public Optional<Versioned<OrderView>> get(OrderId key) {
            throw new IllegalStateException("cache down");
        }

        @Override
        public void put(OrderId key, long version, OrderView value) {
            throw new IllegalStateException("cache down");
        }

        @Override
        public void invalidate(OrderId key) {
            throw new IllegalStateException("cache down");
        }
    }
}
