package org.bookworm.ordering.cli.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.slf4j.MDC;

/**
 * The trace and span ids of the current span in the logging context (SLF4J's MDC), so that every line logged while a
 * request or an event is handled carries them ({@code trace_id}, {@code span_id}, the names OpenTelemetry's own
 * Logback integration uses). Closing puts back what was there before: handlers nest (an RPC appends, a store span).
 */
final class LogContext implements AutoCloseable {
    static final String TRACE_ID = "trace_id";
    static final String SPAN_ID = "span_id";

    private final String previousTrace;
    private final String previousSpan;

    private LogContext(String previousTrace, String previousSpan) {
        this.previousTrace = previousTrace;
        this.previousSpan = previousSpan;
    }

    /** Puts {@code span}'s ids in the MDC until {@link #close}; nothing when the span is not valid (not traced). */
    static LogContext of(Span span) {
        SpanContext context = span.getSpanContext();
        var restore = new LogContext(orEmpty(MDC.get(TRACE_ID)), orEmpty(MDC.get(SPAN_ID)));
        if (context.isValid()) {
            MDC.put(TRACE_ID, context.getTraceId());
            MDC.put(SPAN_ID, context.getSpanId());
        }
        return restore;
    }

    @Override
    public void close() {
        put(TRACE_ID, previousTrace);
        put(SPAN_ID, previousSpan);
    }

    private static void put(String key, String value) {
        if (value.isEmpty()) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
