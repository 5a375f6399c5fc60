package org.bookworm.ordering.benchmarks;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.time.Duration;

/**
 * The shared Redis: other engineers use it at the same time, so the driver only ever touches keys under the prefix
 * of its own run, and deletes them by prefix (SCAN + UNLINK) at the end; never FLUSHDB.
 */
final class RedisKeys {
    static final String DEFAULT_URL = "redis://127.0.0.1:6379";

    private RedisKeys() {}

    /** {@code ORDERING_REDIS_URI}, as the Redis adapter's tests read it, else loopback. */
    static String url() {
        String url = System.getenv("ORDERING_REDIS_URI");
        return url == null || url.isBlank() ? DEFAULT_URL : url;
    }

    /** PING, so a missing Redis is a setup problem before anything starts. */
    static void requireReachable(String url) {
        RedisClient client = RedisClient.create(url);
        try (var connection = client.connect()) {
            connection.sync().ping();
        } catch (RedisException unreachable) {
            throw new ShopServer.SetupProblem("Redis at " + url + " is not reachable: " + unreachable.getMessage());
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Deletes every key under {@code prefix}; answers how many. */
    static long deleteAll(String url, String prefix) {
        if (prefix.isBlank() || !prefix.endsWith(":")) {
            throw new IllegalArgumentException("refusing to delete keys by the prefix '" + prefix + "'");
        }
        RedisClient client = RedisClient.create(url);
        try (var connection = client.connect()) {
            var redis = connection.sync();
            ScanArgs mine = ScanArgs.Builder.matches(prefix + "*").limit(1_000);
            ScanCursor cursor = ScanCursor.INITIAL;
            long deleted = 0;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, mine);
                if (!page.getKeys().isEmpty()) {
                    deleted += redis.unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
            return deleted;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
