package org.bookworm.ordering.cli.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The instruments of one registry, made once per name and tags (Micrometer looks them up again at no cost beyond a map
 * read). Durations are histograms with the buckets OpenTelemetry's semantic conventions advise (5 ms to 10 s), so
 * Prometheus can compute any quantile across instances.
 */
final class Meters {
    private static final Duration MIN = Duration.ofMillis(1);
    private static final Duration MAX = Duration.ofSeconds(30);

    private final MeterRegistry registry;

    Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    MeterRegistry registry() {
        return registry;
    }

    Timer timer(String name, String description, Tags tags) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .publishPercentileHistogram()
                .minimumExpectedValue(MIN)
                .maximumExpectedValue(MAX)
                .register(registry);
    }

    Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** The kind of failure as OpenTelemetry's {@code error.type}: the exception's simple class name. */
    static String errorType(Throwable failure) {
        return failure.getClass().getSimpleName();
    }
}
