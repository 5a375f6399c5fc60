package org.bookworm.ordering.benchmarks;

import java.time.Instant;
import java.util.UUID;
import org.bookworm.ordering.core.ordering.OrderEvent;

/** The load driver's sample events, for benchmarks in other packages (the adapter's codec). */
public final class BenchmarkEvents {
    private static final UUID STREAM = UUID.fromString("0192f0c8-0000-7000-8000-0000000000f0");
    private static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");

    private BenchmarkEvents() {}

    public static OrderEvent placed() {
        return OrderStreams.event(STREAM, 0, AT);
    }

    public static OrderEvent modified() {
        return OrderStreams.event(STREAM, 1, AT);
    }
}
