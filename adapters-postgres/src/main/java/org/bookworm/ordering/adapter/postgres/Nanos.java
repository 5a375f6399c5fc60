package org.bookworm.ordering.adapter.postgres;

import java.time.Instant;

/** Instants as epoch nanoseconds (1677 to 2262), so they come back exactly as they were given. */
final class Nanos {
    private Nanos() {}

    static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }
}
