package org.bookworm.ordering.adapter.redis;

import org.bookworm.ordering.core.contract.BasketCheckoutsContract;
import org.junit.jupiter.api.AfterEach;

/** Checkout's port on the Redis baskets. */
class RedisBasketCheckoutsIT extends BasketCheckoutsContract {
    private final TestRedis redis = new TestRedis();

    @Override
    protected Baskets emptyBaskets() {
        var store = redis.adapters().baskets();
        return new Baskets(store, store);
    }

    @AfterEach
    void deleteMyKeys() {
        redis.close();
    }
}
