package org.bookworm.ordering.cli.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code traceparent} of a context, to store in an event's metadata, and back to a context. Written and read
 * directly ({@code 00-<trace>-<span>-<flags>}, the only form {@link Metadata} accepts) rather than through the W3C
 * propagator's carrier map: an observed server does it for every append and every handled event.
 */
final class Traceparents {
    private static final String VERSION = "00-";

    private Traceparents() {}

    /** The traceparent of {@code context}'s span, or null when it has no valid span (nothing traced). */
    static @Nullable String of(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        return VERSION + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex();
    }

    /** The context the event was written in: its span as a remote parent, or the root when it carries none. */
    static Context parentOf(Metadata metadata) {
        String traceparent = metadata.traceparent();
        if (traceparent == null) {
            return Context.root();
        }
        SpanContext remote = SpanContext.createFromRemoteParent(
                traceparent.substring(3, 35),
                traceparent.substring(36, 52),
                TraceFlags.fromHex(traceparent, 53),
                TraceState.getDefault());
        return remote.isValid() ? Context.root().with(Span.wrap(remote)) : Context.root();
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
