package org.bookworm.ordering.adapter.redis;

import io.lettuce.core.metrics.CommandLatencyRecorder;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.basket.BasketStoreUnavailable;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.eventsourcing.VersionedCache;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderView;

/**
 * The Redis adapters over one shared, fail-fast Lettuce connection: the basket store and the version-stamped caches
 * of order views and catalog books (wrap them with the core's {@code CachedOrderViews} and {@code CachedCatalog}).
 * Redis holds only what may be lost: baskets and caches, never the record of an order.
 *
 * <p>With Redis down, basket operations fail within the command timeout with {@code BasketStoreUnavailable("basket
 * store unavailable")}, cache reads answer empty and cache writes do nothing (counted in {@link #cacheErrors()});
 * once Redis is back, the connection re-establishes itself within about a second, with no restart. Redis may even be
 * down when the adapters are created: the first command that needs it connects.
 */
public final class RedisAdapters implements AutoCloseable {
    private final RedisConnection connection;
    private final RedisBasketStore baskets;
    private final CacheGuard cacheGuard = new CacheGuard();
    private final RedisVersionedCache<OrderId, OrderView> orderViews;
    private final RedisVersionedCache<BookId, Book> books;

    private RedisAdapters(RedisConfig config, CommandLatencyRecorder latencies) {
        this.connection = new RedisConnection(config, latencies);
        this.baskets = new RedisBasketStore(connection, config);
        this.orderViews = new RedisVersionedCache<>(connection, config, "order-view", OrderView.class, cacheGuard);
        this.books = new RedisVersionedCache<>(connection, config, "book", Book.class, cacheGuard);
    }

    /** Creates the adapters; connects at once when Redis is up, else on first use. */
    public static RedisAdapters connect(RedisConfig config) {
        return connect(config, CommandLatencyRecorder.disabled());
    }

    /** As above, each command's latency recorded by {@code latencies} (Lettuce's own Micrometer recorder: ADR 0033). */
    public static RedisAdapters connect(RedisConfig config, CommandLatencyRecorder latencies) {
        var adapters = new RedisAdapters(config, latencies);
        try {
            adapters.connection.connect();
        } catch (RuntimeException notYet) {
            // not fatal: a service starts without its caches, and baskets answer "unavailable" until Redis is up
        }
        return adapters;
    }

    /** Baskets, one hash per buyer; see {@link BasketStore}. */
    public BasketStore baskets() {
        return baskets;
    }

    /** The order detail cache, keyed by order id, versioned by the view's stream version. */
    public VersionedCache<OrderId, OrderView> orderViewCache() {
        return orderViews;
    }

    /** The catalog book cache, keyed by book id. */
    public VersionedCache<BookId, Book> bookCache() {
        return books;
    }

    /**
     * How many cache operations failed or were skipped (swallowed, the caller fell through to the system of record)
     * since these adapters were created.
     */
    public long cacheErrors() {
        return cacheGuard.errors();
    }

    /**
     * Returns when Redis answers PING on the shared connection, within the command timeout (at most about a second);
     * for health checks, which call it on a schedule, never on a request's path.
     *
     * @throws BasketStoreUnavailable when it does not answer
     */
    public void ping() {
        try {
            String answer = connection.await(commands -> commands.ping());
            if (!"PONG".equals(answer)) {
                throw new IllegalStateException("PING answered " + answer);
            }
        } catch (RuntimeException unanswered) {
            throw new BasketStoreUnavailable("Redis did not answer: " + unanswered.getMessage(), unanswered);
        }
    }

    @Override
    public void close() {
        connection.close();
    }
}
