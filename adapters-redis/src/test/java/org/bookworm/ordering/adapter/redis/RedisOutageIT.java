package org.bookworm.ordering.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.bookworm.ordering.core.contract.CacheSamples.view;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.basket.BasketStoreUnavailable;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.VersionedCache.Versioned;
import org.bookworm.ordering.core.inmemory.InMemoryOrderViews;
import org.bookworm.ordering.core.ordering.CachedOrderViews;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.bookworm.ordering.core.ordering.OrderView;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * RELIABILITY R1, short form: Redis is killed mid-run and restarted. Baskets fail fast with "basket store
 * unavailable", order reads keep working from the system of record while cache errors are counted, and everything
 * recovers by itself, on the same client, within seconds. The measured times are printed for the record.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class RedisOutageIT {
    private static final Duration FAIL_FAST_BOUND = Duration.ofSeconds(1);
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(5);
    private static final BuyerId BUYER = new BuyerId(UUID.randomUUID());
    private static final BookId DUNE = new BookId(UUID.randomUUID());
    private static final OrderId FIRST = new OrderId(UUID.randomUUID());
    private static final OrderId SECOND = new OrderId(UUID.randomUUID());

    @Test
    void with_redis_killed_baskets_fail_fast_order_reads_go_on_and_all_recovers_without_a_restart() throws Exception {
        try (OwnRedisServer server = OwnRedisServer.startOnFreePort();
                RedisAdapters adapters = RedisAdapters.connect(config(server))) {
            BasketStore baskets = adapters.baskets();
            var views = new InMemoryOrderViews();
            var orders = new CachedOrderViews(views, adapters.orderViewCache());
            baskets.add(BUYER, DUNE, Quantity.of(2), null);
            orders.save(view(FIRST, 1, OrderStatus.PLACED));
            orders.save(view(SECOND, 1, OrderStatus.PLACED));
            assertThat(adapters.orderViewCache().get(FIRST))
                    .as("cached before the outage")
                    .isPresent();
            assertThat(adapters.cacheErrors()).isZero();

            server.kill();

            List<Duration> failures = basketCallsFailFast(baskets);
            readsAndWritesOfOrdersGoOn(orders, adapters);

            server.start();
            long restarted = System.nanoTime();
            Duration recovery = timeUntilBasketsAnswer(baskets);
            assertThat(recovery).isLessThan(RECOVERY_BOUND);
            assertThat(baskets.add(BUYER, DUNE, Quantity.of(1), null)
                            .orElseThrow()
                            .items())
                    .as("a fresh server lost the basket (Redis may lose it) and takes new lines")
                    .containsExactly(new BasketItem(DUNE, Quantity.of(1)));
            cacheFillsAgain(orders, adapters, view(FIRST, 2, OrderStatus.CONFIRMED));
            Duration cacheRecovery = Duration.ofNanos(System.nanoTime() - restarted);
            assertThat(cacheRecovery).isLessThan(RECOVERY_BOUND);

            assertThat(views.find(FIRST)).as("nothing lost").contains(view(FIRST, 2, OrderStatus.CONFIRMED));
            assertThat(views.find(SECOND)).as("nothing lost").contains(view(SECOND, 1, OrderStatus.PLACED));
            System.out.printf(
                    "R1 measured: basket calls failed within max %d ms (median %d ms over %d calls); "
                            + "baskets recovered %d ms and the cache %d ms after redis-server answered PING; "
                            + "%d cache errors counted%n",
                    Collections.max(failures).toMillis(),
                    failures.get(failures.size() / 2).toMillis(),
                    failures.size(),
                    recovery.toMillis(),
                    cacheRecovery.toMillis(),
                    adapters.cacheErrors());
        }
    }

    @Test
    void a_redis_that_stops_answering_costs_a_basket_call_the_command_timeout_and_no_more() throws Exception {
        try (OwnRedisServer server = OwnRedisServer.startOnFreePort();
                RedisAdapters adapters = RedisAdapters.connect(config(server))) {
            BasketStore baskets = adapters.baskets();
            var views = new InMemoryOrderViews();
            var orders = new CachedOrderViews(views, adapters.orderViewCache());
            baskets.add(BUYER, DUNE, Quantity.of(2), null);
            orders.save(view(FIRST, 1, OrderStatus.PLACED));

            server.freeze(); // the socket stays open, nothing answers: only the command timeout ends a call

            List<Duration> failures = new ArrayList<>();
            for (int call = 0; call < 3; call++) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> baskets.get(BUYER))
                        .isInstanceOf(BasketStoreUnavailable.class)
                        .hasMessage("basket store unavailable");
                failures.add(Duration.ofNanos(System.nanoTime() - start));
            }
            long readStart = System.nanoTime();
            assertThat(orders.find(FIRST)).contains(view(FIRST, 1, OrderStatus.PLACED));
            Duration read = Duration.ofNanos(System.nanoTime() - readStart);
            server.thaw();
            Duration recovery = timeUntilBasketsAnswer(baskets);

            assertThat(Collections.max(failures)).isLessThan(FAIL_FAST_BOUND);
            assertThat(read).isLessThan(FAIL_FAST_BOUND);
            assertThat(recovery).isLessThan(RECOVERY_BOUND);
            assertThat(baskets.get(BUYER).items()).containsExactly(new BasketItem(DUNE, Quantity.of(2)));
            System.out.printf(
                    "R1 measured (frozen redis-server): basket calls failed after max %d ms; an order read took %d ms;"
                            + " recovered %d ms after SIGCONT%n",
                    Collections.max(failures).toMillis(), read.toMillis(), recovery.toMillis());
        }
    }

    @Test
    void adapters_created_while_redis_is_down_work_once_it_is_up() throws Exception {
        try (OwnRedisServer server = OwnRedisServer.notStartedOnFreePort();
                RedisAdapters adapters = RedisAdapters.connect(config(server))) {
            BasketStore baskets = adapters.baskets();
            var orders = new CachedOrderViews(new InMemoryOrderViews(), adapters.orderViewCache());

            assertThatThrownBy(() -> baskets.get(BUYER)).isInstanceOf(BasketStoreUnavailable.class);
            orders.save(view(FIRST, 1, OrderStatus.PLACED));
            assertThat(orders.find(FIRST)).contains(view(FIRST, 1, OrderStatus.PLACED));
            assertThat(adapters.cacheErrors()).isPositive();

            server.start();

            assertThat(baskets.add(BUYER, DUNE, Quantity.of(3), null)
                            .orElseThrow()
                            .items())
                    .containsExactly(new BasketItem(DUNE, Quantity.of(3)));
            cacheFillsAgain(orders, adapters, view(FIRST, 1, OrderStatus.PLACED));
        }
    }

    private static RedisConfig config(OwnRedisServer server) {
        return RedisConfig.fromEnvironment().withUri(server.uri()).withKeyPrefix("outage-" + UUID.randomUUID() + ":");
    }

    /** Every basket call while Redis is down fails with the clear error, well within a second: none hangs. */
    private static List<Duration> basketCallsFailFast(BasketStore baskets) throws InterruptedException {
        var failures = new ArrayList<Duration>();
        for (int call = 0; call < 20; call++) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> baskets.add(BUYER, DUNE, Quantity.of(1), null))
                    .isInstanceOf(BasketStoreUnavailable.class)
                    .hasMessage("basket store unavailable");
            assertThatThrownBy(() -> baskets.get(BUYER)).isInstanceOf(BasketStoreUnavailable.class);
            failures.add(Duration.ofNanos((System.nanoTime() - start) / 2));
            Thread.sleep(100);
        }
        failures.sort(null);
        assertThat(Collections.max(failures)).isLessThan(FAIL_FAST_BOUND);
        return failures;
    }

    /** The projection keeps saving and buyers keep reading: the cache only counts its errors. */
    private static void readsAndWritesOfOrdersGoOn(CachedOrderViews orders, RedisAdapters adapters) {
        long errorsBefore = adapters.cacheErrors();
        long start = System.nanoTime();

        orders.save(view(FIRST, 2, OrderStatus.CONFIRMED));

        assertThat(orders.find(FIRST)).contains(view(FIRST, 2, OrderStatus.CONFIRMED));
        assertThat(orders.find(SECOND)).contains(view(SECOND, 1, OrderStatus.PLACED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAIL_FAST_BOUND);
        assertThat(adapters.cacheErrors()).isGreaterThan(errorsBefore);
    }

    /** Reads keep answering from the read models until the cache, after its pause, takes entries again. */
    private static void cacheFillsAgain(CachedOrderViews orders, RedisAdapters adapters, OrderView expected) {
        await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
            assertThat(orders.find(expected.id())).contains(expected);
            assertThat(adapters.orderViewCache().get(expected.id()))
                    .contains(new Versioned<>(expected.version(), expected));
        });
    }

    private static Duration timeUntilBasketsAnswer(BasketStore baskets) {
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(20))
                .ignoreExceptionsInstanceOf(BasketStoreUnavailable.class)
                .until(() -> baskets.get(BUYER) != null);
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
