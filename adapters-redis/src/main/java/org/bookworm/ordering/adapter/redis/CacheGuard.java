package org.bookworm.ordering.adapter.redis;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the caches of one connection share about Redis' health: the count of cache operations that did not reach
 * it, and a short pause after a failure. While Redis hangs, each command costs the full timeout; pausing the caches
 * for {@link #PAUSE} after a failure lets order reads go straight to the system of record instead of paying that
 * timeout on every request. After the pause the next operation tries Redis again.
 */
final class CacheGuard {
    static final Duration PAUSE = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(CacheGuard.class);

    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong pausedUntil = new AtomicLong(System.nanoTime());
    private final AtomicBoolean failing = new AtomicBoolean();

    /** False while the caches pause after a failure; the skipped operation counts as an error. */
    boolean allows() {
        if (System.nanoTime() - pausedUntil.get() >= 0) {
            return true;
        }
        errors.incrementAndGet();
        return false;
    }

    void failed(String operation, Object key, RuntimeException failure) {
        errors.incrementAndGet();
        pausedUntil.set(System.nanoTime() + PAUSE.toNanos());
        // one line when the caches start failing, not one per request while Redis is down
        if (failing.compareAndSet(false, true)) {
            LOG.warn(
                    "cache {} of {} failed; reads fall through to the system of record: {}",
                    operation,
                    key,
                    failure.toString());
        }
    }

    /** An entry that cannot be read or written as JSON: counted, but Redis itself is fine, so no pause. */
    void unreadable(Object key, Exception failure) {
        errors.incrementAndGet();
        LOG.warn("cache entry {} is unreadable and treated as a miss: {}", key, failure.toString());
    }

    void succeeded() {
        if (failing.compareAndSet(true, false)) {
            LOG.info("the Redis caches answer again after {} errors in all", errors.get());
        }
    }

    long errors() {
        return errors.get();
    }
}
