package org.bookworm.ordering.core.eventsourcing;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.UUID;
import java.util.random.RandomGenerator;

/** RFC 9562 UUID version 7: 48 bits of Unix milliseconds, then random bits; B-tree inserts stay append-mostly. */
public final class UuidV7Generator implements IdGenerator {
    private final InstantSource clock;
    private final RandomGenerator random;

    public UuidV7Generator(InstantSource clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    public static UuidV7Generator system() {
        return new UuidV7Generator(InstantSource.system(), new SecureRandom());
    }

    @Override
    public UUID next() {
        long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
