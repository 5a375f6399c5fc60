package org.bookworm.ordering.core.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock that stands still until a test moves it, so that tests can name the instants they ask about. */
public final class ManualClock implements InstantSource {
    private Instant now;

    public ManualClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    /** Moves the clock forward and answers the new instant; a clock in tests never goes back. */
    public synchronized Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock in tests only moves forward");
        }
        now = now.plus(by);
        return now;
    }
}
