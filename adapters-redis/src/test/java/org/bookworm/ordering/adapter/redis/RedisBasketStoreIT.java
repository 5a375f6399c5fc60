package org.bookworm.ordering.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketRequest;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.contract.BasketStoreContract;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The basket contract against a real Redis, plus how the baskets are laid out there. */
class RedisBasketStoreIT extends BasketStoreContract {
    private static final BuyerId BUYER = new BuyerId(UUID.randomUUID());
    private static final BookId DUNE = new BookId(UUID.randomUUID());
    private static final BookId EMMA = new BookId(UUID.randomUUID());

    private final TestRedis redis = new TestRedis();

    @Override
    protected BasketStore emptyStore() {
        return redis.adapters().baskets();
    }

    @AfterEach
    void deleteMyKeys() {
        redis.close();
    }

    @Test
    void a_basket_is_one_hash_with_a_field_per_book_and_the_mark_and_its_held_copies_in_reserved_fields() {
        BasketStore store = redis.adapters().baskets();
        store.add(BUYER, DUNE, Quantity.of(2), null);
        store.add(BUYER, EMMA, Quantity.of(1), null);
        var order = new OrderId(UUID.randomUUID());
        store.markCheckedOut(BUYER, order);

        var stored = new AtomicReference<Map<String, String>>();
        var type = new AtomicReference<String>();
        redis.raw(raw -> {
            type.set(raw.type(basketKey()));
            stored.set(raw.hgetall(basketKey()));
        });

        assertThat(type.get()).isEqualTo("hash");
        assertThat(stored.get())
                .containsOnly(
                        Map.entry(DUNE.toString(), "2"),
                        Map.entry(EMMA.toString(), "1"),
                        Map.entry(RedisBasketStore.MARK, order.toString()),
                        Map.entry(RedisBasketStore.HELD + DUNE, "2"),
                        Map.entry(RedisBasketStore.HELD + EMMA, "1"));
    }

    @Test
    void every_write_restarts_the_baskets_ttl_of_30_days_by_default() {
        BasketStore store = redis.adapters().baskets();
        store.add(BUYER, DUNE, Quantity.of(2), null);
        redis.raw(raw -> raw.pexpire(basketKey(), 1_000));

        store.set(BUYER, DUNE, Quantity.of(3), null);

        assertThat(ttlOfBasket()).isBetween(Duration.ofDays(30).minusMinutes(1), Duration.ofDays(30));
    }

    @Test
    void the_ttl_is_configurable() {
        BasketStore store = redis.adapters(redis.config().withBasketTtl(Duration.ofMinutes(5)))
                .baskets();

        store.add(BUYER, DUNE, Quantity.of(2), null);
        store.markCheckedOut(BUYER, new OrderId(UUID.randomUUID()));

        assertThat(ttlOfBasket()).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(5));
    }

    @Test
    void a_baskets_request_ids_are_kept_next_to_it_bounded_in_number_and_for_24_hours() {
        BasketStore store = redis.adapters().baskets();
        for (int n = 0; n < BasketStore.REMEMBERED_REQUESTS + 8; n++) {
            store.add(BUYER, DUNE, Quantity.of(1), new BasketRequest("id-" + n, "dune"));
            store.remove(BUYER, DUNE, null);
        }

        var remembered = new AtomicLong();
        var order = new AtomicLong();
        var ttl = new AtomicLong();
        redis.raw(raw -> {
            remembered.set(raw.hlen(requestsKey()));
            order.set(raw.llen("{" + basketKey() + "}:request-order"));
            ttl.set(raw.pttl(requestsKey()));
        });

        assertThat(remembered.get()).isEqualTo(BasketStore.REMEMBERED_REQUESTS);
        assertThat(order.get()).isEqualTo(BasketStore.REMEMBERED_REQUESTS);
        assertThat(Duration.ofMillis(ttl.get())).isBetween(Duration.ofHours(23), RedisBasketStore.REQUEST_TTL);
        // the oldest ids were forgotten: the first one adds again
        assertThat(store.add(BUYER, DUNE, Quantity.of(1), new BasketRequest("id-0", "dune"))
                        .orElseThrow()
                        .items())
                .containsExactly(new BasketItem(DUNE, Quantity.of(1)));
    }

    private String requestsKey() {
        return "{" + basketKey() + "}:requests";
    }

    private Duration ttlOfBasket() {
        var millis = new AtomicLong();
        redis.raw(raw -> millis.set(raw.pttl(basketKey())));
        return Duration.ofMillis(millis.get());
    }

    private String basketKey() {
        return redis.config().keyPrefix() + "basket:" + BUYER;
    }
}
