package org.bookworm.ordering.cli.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The instruments of one registry. The hot paths (every call, append and handled event) take theirs from a {@link
 * Family}, which makes each meter once per combination of tag values and then finds it by those values alone:
 * Micrometer's own lookup builds, sorts and hashes a new id on every call, which the profile of an observed server
 * showed among the telemetry's top frames (docs/benchmarks.md). Durations are histograms with the fixed {@code BUCKETS}
 * (1 ms to 30 s, the bounds OpenTelemetry's semantic conventions advise for RPC, database and messaging durations), so
 * Prometheus can compute any quantile across instances; Micrometer's own percentile histogram would put about seventy
 * buckets between the same bounds into every series, every record's search, every scrape and every OTLP push.
 */
final class Meters {
    /**
     * The upper bounds of every duration histogram (written in seconds): the semantic conventions' advice for
     * {@code db.client.operation.duration} (1 ms up) and for RPC and messaging durations (5 ms to 10 s) together, and
     * 30 s for the slowest checkouts' time to confirm. Prometheus adds {@code +Inf}.
     */
    private static final Duration[] BUCKETS = Stream.of(
                    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0,
                    30.0)
            .map(seconds -> Duration.ofNanos(Math.round(seconds * 1e9)))
            .toArray(Duration[]::new);

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
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }

    /** The timers named {@code name}, one per combination of values of the tags {@code keys}. */
    Family<Timer> timers(String name, String description, String... keys) {
        return new Family<>(keys, tags -> timer(name, description, tags));
    }

    /** The counters named {@code name}, one per combination of values of the tags {@code keys}. */
    Family<Counter> counters(String name, String description, String... keys) {
        return new Family<>(keys, tags -> counter(name, description, tags));
    }

    /**
     * The meters of one name and one list of tag keys, made on first use of each combination of values and kept: a
     * lookup is one map read keyed by the values, with no id to build.
     */
    static final class Family<M> {
        private final List<String> keys;
        private final Function<Tags, M> make;
        private final ConcurrentMap<List<String>, M> made = new ConcurrentHashMap<>();

        private Family(String[] keys, Function<Tags, M> make) {
            this.keys = List.of(keys);
            this.make = make;
        }

        /** The meter whose tags have {@code values}, in the order of the family's keys. */
        M with(String... values) {
            if (values.length != keys.size()) {
                throw new IllegalArgumentException(
                        "tags " + keys + " need " + keys.size() + " values, not " + Arrays.toString(values));
            }
            M meter = made.get(Arrays.asList(values));
            return meter != null ? meter : made.computeIfAbsent(List.of(values), this::make);
        }

        private M make(List<String> values) {
            Tags tags = Tags.empty();
            for (int i = 0; i < values.size(); i++) {
                tags = tags.and(keys.get(i), values.get(i));
            }
            return make.apply(tags);
        }
    }

    /**
     * One meter of a {@link Family}, with its tag values fixed, resolved on first use and then read from a field: for
     * the combinations a hot path uses on every call (a stream type's successful load, a subscription's handled
     * event), so that it builds no key and reads no map at all. It registers nothing until first used, as a family.
     */
    static final class One<M> {
        private final Family<M> family;
        private final String[] values;
        private volatile @Nullable M meter;

        One(Family<M> family, String... values) {
            this.family = family;
            this.values = values.clone();
        }

        M get() {
            M resolved = meter;
            if (resolved == null) {
                // the family makes it once; two threads racing here both get the family's one instance
                resolved = family.with(values);
                meter = resolved;
            }
            return resolved;
        }
    }

    /**
     * What the hot paths need per event class, made once per class and then found by one map read by class: the
     * meters of a {@link Family} of two tags, the first fixed (a stream type, a subscription) and the second the
     * event's class name (events appended by a stream type, events handled by a subscription), or a span's name.
     */
    static final class ByClass<M> {
        private final Function<Class<?>, M> make;
        private final ConcurrentMap<Class<?>, M> made = new ConcurrentHashMap<>();

        /** The meter of {@code family} tagged {@code first} and the class's simple name. */
        ByClass(Family<M> family, String first) {
            this(type -> family.with(first, type.getSimpleName()));
        }

        /** What {@code make} makes of a class. */
        ByClass(Function<Class<?>, M> make) {
            this.make = make;
        }

        M get(Class<?> type) {
            M value = made.get(type);
            return value != null ? value : made.computeIfAbsent(type, make);
        }
    }

    /** The kind of failure as OpenTelemetry's {@code error.type}: the exception's simple class name. */
    static String errorType(Throwable failure) {
        return failure.getClass().getSimpleName();
    }
}
