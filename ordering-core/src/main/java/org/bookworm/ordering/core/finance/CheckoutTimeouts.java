package org.bookworm.ordering.core.finance;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the checkout saga waits on each step (the placement being seen, a reservation, an authorization) before
 * its durable deadline fires, and how many times a step is asked before the checkout fails as timed out. Operator
 * configuration (flags on {@code ordering serve}); it arrives on the saga's commands, so the decider stays pure, and
 * a change applies to every step scheduled after it, in-flight checkouts included.
 */
public record CheckoutTimeouts(Duration step, int attempts) {
    public static final Duration MIN_STEP = Duration.ofMillis(100);
    public static final Duration MAX_STEP = Duration.ofHours(24);
    public static final int MAX_ATTEMPTS = 100;

    /** 30 s a step, 3 attempts: what the saga did before the timeouts became configuration. */
    public static final CheckoutTimeouts DEFAULT = new CheckoutTimeouts(Duration.ofSeconds(30), 3);

    public CheckoutTimeouts {
        Objects.requireNonNull(step, "step");
        if (step.compareTo(MIN_STEP) < 0 || step.compareTo(MAX_STEP) > 0) {
            throw new IllegalArgumentException("a checkout step timeout is between 100ms and 24h, not " + step);
        }
        if (attempts < 1 || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("a checkout step is tried 1 to 100 times, not " + attempts);
        }
    }
}
