package org.bookworm.ordering.core.eventsourcing;

import java.time.Duration;
import java.util.Objects;

/**
 * Capped exponential backoff with jitter for failures that pass by waiting: the n-th retry waits {@code first * 2^(n-1)},
 * at most {@code cap}, of which a random half is drawn ("equal jitter"), so held lanes that failed together do not
 * all come back in the same instant. Retries never stop: only the wait between them is bounded.
 */
public record RetryBackoff(Duration first, Duration cap) {
    /** 200 ms, 400 ms, 800 ms, ... up to 30 s between attempts. */
    public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(30));

    public RetryBackoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(cap, "cap");
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("a backoff starts above zero and its cap is at least its start");
        }
    }

    /**
     * The wait before attempt {@code attempt + 1}, after {@code attempt} failures (at least 1); {@code jitter} in
     * [0, 1) picks where in the upper half of the step the wait falls.
     */
    public Duration delay(int attempt, double jitter) {
        if (attempt < 1 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("attempt >= 1 and jitter in [0, 1)");
        }
        long step = first.toMillis();
        for (int doubled = 1; doubled < attempt && step < cap.toMillis(); doubled++) {
            step *= 2;
        }
        step = Math.min(step, cap.toMillis());
        return Duration.ofMillis(step / 2 + Math.round(step / 2.0 * jitter));
    }
}
