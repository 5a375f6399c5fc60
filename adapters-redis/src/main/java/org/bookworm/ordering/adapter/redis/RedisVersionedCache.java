package org.bookworm.ordering.adapter.redis;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.bookworm.ordering.core.port.VersionedCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A version-stamped cache in Redis: one hash per entry ({@code <prefix>cache:<name>:<key>}, fields {@code v} and
 * {@code d}) written by a Lua script that refuses a version not newer than the cached one, so a slow writer never
 * puts an older value back. Entries expire after the configured TTL. A cache must never cost a read: every error
 * (Redis down or slow, an unreadable entry) is counted in {@link #errors()} and swallowed; {@code get} then answers
 * empty and writes do nothing.
 */
final class RedisVersionedCache<K, V> implements VersionedCache<K, V> {
    private static final Logger LOG = LoggerFactory.getLogger(RedisVersionedCache.class);
    private static final LuaScript PUT = LuaScript.named("cache-put");

    private final RedisConnection redis;
    private final String keyPrefix;
    private final String ttlMillis;
    private final JsonCodec<V> codec;
    private final AtomicLong errors;
    private final AtomicBoolean failing = new AtomicBoolean();

    RedisVersionedCache(RedisConnection redis, RedisConfig config, String name, Class<V> type, AtomicLong errors) {
        this.redis = redis;
        this.keyPrefix = config.keyPrefix() + "cache:" + name + ":";
        this.ttlMillis = Long.toString(config.cacheTtl().toMillis());
        this.codec = new JsonCodec<>(type);
        this.errors = errors;
    }

    @Override
    public Optional<Versioned<V>> get(K key) {
        try {
            List<KeyValue<String, String>> entry = redis.commands().hmget(key(key), "v", "d");
            succeeded();
            if (entry.size() != 2 || !entry.get(0).hasValue() || !entry.get(1).hasValue()) {
                return Optional.empty();
            }
            long version = Long.parseLong(entry.get(0).getValue());
            return Optional.of(
                    new Versioned<>(version, codec.decode(entry.get(1).getValue())));
        } catch (Exception failure) {
            failed("read", key, failure);
            return Optional.empty();
        }
    }

    @Override
    public void put(K key, long version, V value) {
        try {
            String data = codec.encode(value);
            // answers 0 when a version at least as new is cached: not an error, the newer value stays
            PUT.run(redis.commands(), ScriptOutputType.INTEGER, key(key), Long.toString(version), data, ttlMillis);
            succeeded();
        } catch (Exception failure) {
            failed("write", key, failure);
        }
    }

    @Override
    public void invalidate(K key) {
        try {
            redis.commands().del(key(key));
            succeeded();
        } catch (Exception failure) {
            failed("invalidate", key, failure);
        }
    }

    /** How many cache operations failed since the adapters started (shared by every cache of one connection). */
    long errors() {
        return errors.get();
    }

    private String key(K key) {
        return keyPrefix + key;
    }

    private void failed(String operation, K key, Exception failure) {
        errors.incrementAndGet();
        // one line when the cache starts failing, not one per request while Redis is down
        if (failing.compareAndSet(false, true)) {
            LOG.warn(
                    "cache {} of {} failed; reads fall through to the system of record: {}",
                    operation,
                    key,
                    failure.toString());
        }
    }

    private void succeeded() {
        if (failing.compareAndSet(true, false)) {
            LOG.info("cache {} answers again", keyPrefix);
        }
    }
}
