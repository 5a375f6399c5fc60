package org.bookworm.ordering.adapter.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The shared Redis of the test machine (ORDERING_REDIS_URI, default redis://127.0.0.1:6379). Other engineers use it
 * at the same time, so every fixture gets its own random key prefix and deletes only its own keys: never FLUSHDB.
 * A missing server fails the test with a clear message; it is never skipped.
 */
final class TestRedis implements AutoCloseable {
    private final RedisConfig config;
    private final List<RedisAdapters> opened = new ArrayList<>();

    TestRedis() {
        this.config = RedisConfig.fromEnvironment().withKeyPrefix("it-" + UUID.randomUUID() + ":");
        requireReachable(config.uri());
    }

    RedisConfig config() {
        return config;
    }

    /** Adapters on this fixture's key prefix, closed with the fixture. */
    RedisAdapters adapters() {
        return adapters(config);
    }

    RedisAdapters adapters(RedisConfig custom) {
        RedisAdapters adapters = RedisAdapters.connect(custom);
        opened.add(adapters);
        return adapters;
    }

    /** Runs raw commands on a connection of its own, to inspect or tamper with what the adapters stored. */
    void raw(Consumer<RedisCommands<String, String>> commands) {
        RedisClient client = RedisClient.create(config.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            commands.accept(connection.sync());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        opened.forEach(RedisAdapters::close);
        // keys that start with the prefix, and those that carry a prefixed key as hash tag (a basket's request ids)
        raw(redis -> List.of(config.keyPrefix() + "*", "{" + config.keyPrefix() + "*")
                .forEach(pattern -> {
                    ScanCursor cursor = ScanCursor.INITIAL;
                    ScanArgs mine = ScanArgs.Builder.matches(pattern).limit(500);
                    do {
                        KeyScanCursor<String> page = redis.scan(cursor, mine);
                        if (!page.getKeys().isEmpty()) {
                            redis.del(page.getKeys().toArray(String[]::new));
                        }
                        cursor = page;
                    } while (!cursor.isFinished());
                }));
    }

    private static void requireReachable(String uri) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().ping();
        } catch (RedisException unreachable) {
            throw new AssertionError(
                    "Redis is not reachable at " + RedisConfig.redacted(uri) + ": start it (.ci/run does) or set "
                            + RedisConfig.ENV_URI,
                    unreachable);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
