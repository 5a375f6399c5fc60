package org.bookworm.ordering.examples;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A demo clock that moves one step every time it is read, so each step of a story has its own instant. */
final class StepClock implements InstantSource {
    private final Duration step;
    private Instant now;

    StepClock(Instant start, Duration step) {
        this.now = start;
        this.step = step;
    }

    @Override
    public synchronized Instant instant() {
        now = now.plus(step);
        return now;
    }

    /** Jumps ahead, e.g. past a checkout deadline. */
    synchronized Instant advance(Duration by) {
        now = now.plus(by);
        return now;
    }
}
