package org.bookworm.ordering.core.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How failed e-mails are retried: after the n-th failure in a row, wait {@code firstDelay · 2^(n-1)}, capped at {@code
 * maxDelay}, then scaled by jitter into [half, all] of it, so that rows failing together do not come back together;
 * stop (the row turns dead) once the next attempt would fall more than {@code giveUpAfter} after the row started
 * retrying (it was queued, or an operator resent it). So no failed row waits longer than {@code maxDelay} for its next
 * attempt, and none is retried for ever. Pure: the jitter arrives as a number in [0, 1).
 */
public record RetryPolicy(Duration firstDelay, Duration maxDelay, Duration giveUpAfter) {
    /** The shortest cap an operator may set; below it a dead server is hammered. */
    public static final Duration MIN_MAX_DELAY = Duration.ofSeconds(1);
    /** The longest cap: beyond it a recovered server waits too long for the outbox. */
    public static final Duration MAX_MAX_DELAY = Duration.ofHours(1);

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofHours(24));

    public RetryPolicy {
        Objects.requireNonNull(firstDelay, "first delay");
        Objects.requireNonNull(maxDelay, "max delay");
        Objects.requireNonNull(giveUpAfter, "give up after");
        if (maxDelay.compareTo(MIN_MAX_DELAY) < 0 || maxDelay.compareTo(MAX_MAX_DELAY) > 0) {
            throw new IllegalArgumentException(
                    "the longest wait between e-mail attempts is 1 s to 1 h, not " + maxDelay);
        }
        if (firstDelay.isNegative() || firstDelay.isZero() || firstDelay.compareTo(maxDelay) > 0) {
            throw new IllegalArgumentException("the first wait is positive and at most the longest, not " + firstDelay);
        }
        if (giveUpAfter.compareTo(maxDelay) < 0 || giveUpAfter.compareTo(Duration.ofDays(30)) > 0) {
            throw new IllegalArgumentException(
                    "e-mails are retried for at least the longest wait and at most 30 days, not " + giveUpAfter);
        }
    }

    /** A policy with this cap, the first wait no longer than it. */
    public static RetryPolicy cappedAt(Duration maxDelay, Duration giveUpAfter) {
        Duration first = DEFAULT.firstDelay().compareTo(maxDelay) < 0 ? DEFAULT.firstDelay() : maxDelay;
        return new RetryPolicy(first, maxDelay, giveUpAfter);
    }

    /** The wait after the {@code failures}-th failure in a row (1, 2, ...), with {@code jitter} in [0, 1). */
    public Duration delay(int failures, double jitter) {
        if (failures < 1) {
            throw new IllegalArgumentException("a wait follows at least one failure, not " + failures);
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter is in [0, 1), not " + jitter);
        }
        long cap = maxDelay.toMillis();
        int doublings = Math.min(failures - 1, 40);
        long first = firstDelay.toMillis();
        long full = first > (cap >> doublings) ? cap : Math.min(cap, first << doublings);
        long half = full / 2;
        return Duration.ofMillis(half + (long) ((full - half) * jitter));
    }

    /**
     * When to try again after the {@code failures}-th failure in a row, at {@code failedAt}, of a row retrying since
     * {@code retryingSince}: or null, to give up.
     */
    public @Nullable Instant retryAt(int failures, Instant retryingSince, Instant failedAt, double jitter) {
        Instant next = failedAt.plus(delay(failures, jitter));
        return next.isAfter(retryingSince.plus(giveUpAfter)) ? null : next;
    }
}
