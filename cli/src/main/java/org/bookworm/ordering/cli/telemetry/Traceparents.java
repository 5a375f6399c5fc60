package org.bookworm.ordering.cli.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.List;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.jspecify.annotations.Nullable;

/** The W3C {@code traceparent} of a context, to store in an event's metadata, and back to a context. */
final class Traceparents {
    private static final String KEY = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<@Nullable String> ONE = new TextMapGetter<>() {
        @Override
        @SuppressWarnings("deprecation") // still abstract in the interface: every getter must have it
        public Iterable<String> keys(@Nullable String carrier) {
            return List.of(KEY);
        }

        @Override
        public @Nullable String get(@Nullable String carrier, String key) {
            return KEY.equals(key) ? carrier : null;
        }
    };

    private Traceparents() {}

    /** Keeps the traceparent the propagator writes (it writes tracestate too, when there is one: not stored). */
    private static final TextMapSetter<@Nullable String[]> SLOT = (slot, key, value) -> {
        if (slot != null && KEY.equals(key)) {
            slot[0] = value;
        }
    };

    /**
     * The traceparent of {@code context}'s span, or null when it has no valid span (nothing traced). Written by the
     * propagator into a one-element array, once per append: a map would be built and hashed for one entry.
     */
    static @Nullable String of(Context context) {
        @Nullable String[] slot = new String[1];
        W3C.inject(context, slot, SLOT);
        return slot[0];
    }

    /** The context the event was written in: its span as a remote parent, or the root when it carries none. */
    static Context parentOf(Metadata metadata) {
        return W3C.extract(Context.root(), metadata.traceparent(), ONE);
    }

    /**
     * Whether {@code span} belongs to a trace its root's sampler dropped: a valid context, not sampled, not recording.
     * Every span below it would be dropped too (the sampler is parent-based), so the decorators make none.
     */
    static boolean dropped(Span span) {
        SpanContext context = span.getSpanContext();
        return context.isValid() && !context.isSampled() && !span.isRecording();
    }
}
