package org.bookworm.ordering.adapter.redis;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Where Redis is and how the adapters use it. {@code uri} comes from {@code ORDERING_REDIS_URI} (default {@value
 * #DEFAULT_URI}); every key starts with {@code keyPrefix}; a command that gets no answer within {@code
 * commandTimeout} fails (RELIABILITY §5: 500 ms–1 s, never Lettuce's 60 s); baskets live {@code basketTtl} after
 * their last write (30 days), cache entries {@code cacheTtl} (10 minutes,
 * which bounds how long a cache write lost to a Redis failure can leave an older value visible). {@link #toString()} hides any password in the
 * URI.
 */
public record RedisConfig(
        String uri, String keyPrefix, Duration commandTimeout, Duration basketTtl, Duration cacheTtl) {

    public static final String DEFAULT_URI = "redis://127.0.0.1:6379";
    public static final String ENV_URI = "ORDERING_REDIS_URI";
    public static final String DEFAULT_KEY_PREFIX = "bookworm:";
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMillis(500);
    public static final Duration DEFAULT_BASKET_TTL = Duration.ofDays(30);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(10);

    public RedisConfig {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        try {
            RedisURI.create(uri);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("the Redis URI '" + redacted(uri) + "' is not a redis:// URI");
        }
        if (keyPrefix.isBlank() || keyPrefix.length() > 100) {
            throw new IllegalArgumentException("a Redis key prefix has 1 to 100 characters, not '" + keyPrefix + "'");
        }
        requirePositive(commandTimeout, "command timeout");
        requirePositive(basketTtl, "basket TTL");
        requirePositive(cacheTtl, "cache TTL");
    }

    /** The defaults, with the URI from {@code ORDERING_REDIS_URI} when it is set. */
    public static RedisConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static RedisConfig fromEnvironment(Map<String, String> environment) {
        String uri = environment.getOrDefault(ENV_URI, "").strip();
        return new RedisConfig(
                uri.isEmpty() ? DEFAULT_URI : uri,
                DEFAULT_KEY_PREFIX,
                DEFAULT_COMMAND_TIMEOUT,
                DEFAULT_BASKET_TTL,
                DEFAULT_CACHE_TTL);
    }

    public RedisConfig withUri(String newUri) {
        return new RedisConfig(newUri, keyPrefix, commandTimeout, basketTtl, cacheTtl);
    }

    public RedisConfig withKeyPrefix(String newPrefix) {
        return new RedisConfig(uri, newPrefix, commandTimeout, basketTtl, cacheTtl);
    }

    public RedisConfig withBasketTtl(Duration newTtl) {
        return new RedisConfig(uri, keyPrefix, commandTimeout, newTtl, cacheTtl);
    }

    @Override
    public String toString() {
        return "RedisConfig[uri=" + redacted(uri) + ", keyPrefix=" + keyPrefix + ", commandTimeout=" + commandTimeout
                + ", basketTtl=" + basketTtl + ", cacheTtl=" + cacheTtl + "]";
    }

    /** The URI with its user information (which may hold a password) masked. */
    static String redacted(String uri) {
        return uri.replaceAll("//[^/@]*@", "//***@");
    }

    private static void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the Redis " + what + " must be positive, not " + duration);
        }
    }
}
