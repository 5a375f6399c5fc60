package org.bookworm.ordering.adapter.redis;

import java.time.Clock;
import org.bookworm.ordering.core.basket.CachedCatalog;
import org.bookworm.ordering.core.basket.Catalog;
import org.bookworm.ordering.core.contract.CatalogContract;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.junit.jupiter.api.AfterEach;

/** The catalog contract holds for the catalog behind a Redis book cache (the catalog itself is not in Redis). */
class RedisCachedCatalogIT extends CatalogContract {
    private final TestRedis redis = new TestRedis();

    @Override
    protected Catalog emptyCatalog() {
        return new CachedCatalog(new InMemoryCatalog(), redis.adapters().bookCache(), Clock.systemUTC());
    }

    @AfterEach
    void deleteMyKeys() {
        redis.close();
    }
}
