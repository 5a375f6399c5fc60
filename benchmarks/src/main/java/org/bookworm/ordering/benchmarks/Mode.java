package org.bookworm.ordering.benchmarks;

import java.time.Duration;

/**
 * How long and how big: quick mode (about a minute, for CI: catches correctness regressions, its numbers are noise)
 * and full mode (the published tables).
 */
record Mode(
        String name,
        int rounds,
        Duration warmup,
        Duration measure,
        long maxCallsPerClient,
        int catchUpEvents,
        int tailEvents,
        Duration tailInterval,
        Duration torture) {

    static final Mode QUICK = new Mode(
            "quick",
            2,
            Duration.ofMillis(300),
            Duration.ofMillis(700),
            20_000,
            10_000,
            60,
            Duration.ofMillis(10),
            Duration.ofMillis(1500));
    static final Mode FULL = new Mode(
            "full",
            3,
            Duration.ofSeconds(3),
            Duration.ofSeconds(6),
            2_000_000,
            1_000_000,
            1_000,
            Duration.ofMillis(5),
            Duration.ofSeconds(8));

    /** The same mode with another number of rounds ({@code --rounds}). */
    Mode withRounds(int newRounds) {
        if (newRounds < 1) {
            throw new IllegalArgumentException("--rounds is at least 1");
        }
        return new Mode(
                name, newRounds, warmup, measure, maxCallsPerClient, catchUpEvents, tailEvents, tailInterval, torture);
    }

    static Mode parse(String name) {
        return switch (name) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("--mode is quick or full, not " + name);
        };
    }
}
