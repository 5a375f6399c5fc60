package org.bookworm.ordering.adapter.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScriptOutputType;
import java.util.List;
import java.util.Optional;
import org.bookworm.ordering.core.eventsourcing.VersionedCache;

/**
 * A version-stamped cache in Redis: one hash per entry ({@code <prefix>cache:<name>:<key>}, fields {@code v} and
 * {@code d}) written by a Lua script that refuses a version not newer than the cached one, so a slow writer never
 * puts an older value back. Entries expire after the configured TTL. A cache must never cost a read: every error
 * (Redis down or slow, an unreadable entry) is counted by the {@link CacheGuard} and swallowed; {@code get} then
 * answers empty and writes do nothing, and for a short pause after a failure the cache does not even ask Redis.
 *
 * <p>A write lost to a failure leaves the older cached version in place until it expires or a newer write lands:
 * the TTL bounds how stale a read can be after Redis was unreachable without losing its data.
 */
final class RedisVersionedCache<K, V> implements VersionedCache<K, V> {
    private static final LuaScript PUT = LuaScript.named("cache-put");

    private final RedisConnection redis;
    private final String keyPrefix;
    private final String ttlMillis;
    private final JsonCodec<V> codec;
    private final CacheGuard guard;

    RedisVersionedCache(RedisConnection redis, RedisConfig config, String name, Class<V> type, CacheGuard guard) {
        this.redis = redis;
        this.keyPrefix = config.keyPrefix() + "cache:" + name + ":";
        this.ttlMillis = Long.toString(config.cacheTtl().toMillis());
        this.codec = new JsonCodec<>(type);
        this.guard = guard;
    }

    @Override
    public Optional<Versioned<V>> get(K key) {
        if (!guard.allows()) {
            return Optional.empty();
        }
        List<KeyValue<String, String>> entry;
        try {
            entry = redis.await(commands -> commands.hmget(key(key), "v", "d"));
            guard.succeeded();
        } catch (RuntimeException failure) {
            guard.failed("read", key, failure);
            return Optional.empty();
        }
        if (entry.size() != 2 || !entry.get(0).hasValue() || !entry.get(1).hasValue()) {
            return Optional.empty();
        }
        try {
            long version = Long.parseLong(entry.get(0).getValue());
            return Optional.of(
                    new Versioned<>(version, codec.decode(entry.get(1).getValue())));
        } catch (JsonProcessingException | RuntimeException unreadable) {
            guard.unreadable(key, unreadable); // a newer write replaces it; until then the read falls through
            return Optional.empty();
        }
    }

    @Override
    public void put(K key, long version, V value) {
        if (!guard.allows()) {
            return;
        }
        String data;
        try {
            data = codec.encode(value);
        } catch (JsonProcessingException unwritable) {
            guard.unreadable(key, unwritable);
            return;
        }
        try {
            // answers 0 when a version at least as new is cached: not an error, the newer value stays
            PUT.run(redis, ScriptOutputType.INTEGER, key(key), Long.toString(version), data, ttlMillis);
            guard.succeeded();
        } catch (RuntimeException failure) {
            guard.failed("write", key, failure);
        }
    }

    @Override
    public void invalidate(K key) {
        if (!guard.allows()) {
            return;
        }
        try {
            redis.await(commands -> commands.del(key(key)));
            guard.succeeded();
        } catch (RuntimeException failure) {
            guard.failed("invalidate", key, failure);
        }
    }

    private String key(K key) {
        return keyPrefix + key;
    }
}
