package org.bookworm.ordering.core.ordering;

import java.util.Objects;
import java.util.Optional;
import org.bookworm.ordering.core.common.Page;
import org.bookworm.ordering.core.eventsourcing.VersionedCache;

/**
 * Cache-aside over the order read models (the system of record). {@code find} answers from the cache and, on a miss,
 * from the read models, then fills the cache with the version it read. {@code save} writes the read models first and
 * only then puts the stored view in the cache, so a cache never holds a view that was not committed, and the cache's
 * version guard keeps a slow writer from putting an older view back. Lists always come from the read models. A cache
 * that fails costs nothing but speed: every cache error falls through to the read models.
 *
 * <p>{@code clear} (a rebuild) cannot empty the cache: views re-saved by the replay replace entries only when their
 * version is newer, so an entry may outlive a rebuild until it expires.
 */
public final class CachedOrderViews implements OrderViews {
    private final OrderViews views;
    private final VersionedCache<OrderId, OrderView> cache;

    public CachedOrderViews(OrderViews views, VersionedCache<OrderId, OrderView> cache) {
        this.views = Objects.requireNonNull(views, "views");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Optional<OrderView> find(OrderId id) {
        Optional<OrderView> cached = cached(id);
        if (cached.isPresent()) {
            return cached;
        }
        Optional<OrderView> stored = views.find(id);
        stored.ifPresent(this::remember);
        return stored;
    }

    @Override
    public Page<OrderSummary> list(OrderQuery query) {
        return views.list(query);
    }

    @Override
    public void save(OrderView view) {
        views.save(view);
        // The read models ignore an older or equal version (a redelivered event), so cache what they now hold, not
        // the argument: caching a stale argument into an empty entry would serve it until it expired.
        views.find(view.id()).ifPresent(this::remember);
    }

    @Override
    public void clear() {
        views.clear();
    }

    private Optional<OrderView> cached(OrderId id) {
        try {
            return cache.get(id).map(VersionedCache.Versioned::value);
        } catch (RuntimeException cacheFailed) {
            return Optional.empty(); // caches swallow their errors; this guards a read against one that does not
        }
    }

    private void remember(OrderView view) {
        try {
            cache.put(view.id(), view.version(), view);
        } catch (RuntimeException cacheFailed) {
            // the view is committed in the read models; a cache that failed to take it is only slower
        }
    }
}
