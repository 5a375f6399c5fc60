package org.bookworm.ordering.cli.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;

/**
 * Each subscription's handler, traced and measured: a consumer span per event whose parent is the span that appended
 * it (restored from the event's traceparent), so one checkout is one trace across the log; the trace ids in the log
 * lines written meanwhile; {@code messaging.process.duration} and the events handled and failed. Failures pass
 * through unchanged: the subscription decides what to do with them.
 */
final class ObservedHandlers implements EventHandler.Decorator {
    private final Tracer tracer;
    private final CheckoutClock checkouts;
    private final Meters.Family<Timer> durations;
    private final Meters.Family<Counter> handled;
    private final Meters.Family<Counter> failures;

    ObservedHandlers(Meters meters, Tracer tracer, CheckoutClock checkouts) {
        this.tracer = tracer;
        this.checkouts = checkouts;
        this.durations = meters.timers(
                "messaging.process.duration",
                "Time to handle one event (OpenTelemetry semantic conventions)",
                "messaging.consumer.group.name",
                "error.type");
        this.handled = meters.counters(
                "ordering.subscription.handled", "Events a subscription handled", "subscription", "event");
        this.failures = meters.counters(
                "ordering.subscription.failures",
                "Failed attempts to handle an event (retried or held)",
                "subscription",
                "event",
                "error.type");
    }

    @Override
    public EventHandler decorate(String subscription, EventHandler handler) {
        var meters = new OfSubscription(subscription);
        EventHandler observed = event -> handle(meters, handler, event);
        if (!checkouts.watches(subscription)) {
            return observed;
        }
        return event -> {
            observed.handle(event);
            checkouts.saw(event); // after the reactor handled it: a failure comes again, and is counted then
        };
    }

    @SuppressWarnings("try") // the scope and log context are only opened and closed
    private void handle(OfSubscription meters, EventHandler handler, RecordedEvent event) {
        String subscription = meters.subscription;
        Class<?> type = event.event().getClass();
        Context parent = Traceparents.parentOf(event.metadata());
        Span writer = Span.fromContext(parent);
        // a trace dropped at its root gets no consumer span: the reaction runs in the writer's context, so its own
        // appends and log lines carry the same trace and the decision (flags 00) travels on
        Span span = Traceparents.dropped(writer)
                ? writer
                : tracer.spanBuilder(meters.spanName(type))
                        .setSpanKind(SpanKind.CONSUMER)
                        .setParent(parent)
                        .startSpan();
        if (span.isRecording()) {
            // only a kept trace needs them: an unsampled span (most, by default) skips building the attributes
            span.setAttribute("messaging.operation.type", "process")
                    .setAttribute("messaging.consumer.group.name", subscription)
                    .setAttribute("messaging.message.id", event.eventId().toString())
                    .setAttribute("ordering.stream", event.stream().toString());
        }
        long started = System.nanoTime();
        String error = "";
        try (Scope scope = span.makeCurrent();
                LogContext logs = LogContext.of(span)) {
            handler.handle(event);
        } catch (RuntimeException failure) {
            error = Meters.errorType(failure);
            span.setStatus(StatusCode.ERROR, error);
            throw failure;
        } finally {
            span.end();
            meters.record(type, error, System.nanoTime() - started);
        }
    }

    /**
     * The meters one subscription uses on every event it handles, resolved once and kept with its decorated handler,
     * so that an event finds them in a field and one map read by class instead of building keys of tag values.
     */
    private final class OfSubscription {
        private final String subscription;
        private final Meters.One<Timer> succeeded;
        private final Meters.ByClass<Counter> handledByClass;
        /** The consumer span's name for an event of a class, built once per class rather than per event. */
        private final Meters.ByClass<String> spanNames;

        OfSubscription(String subscription) {
            this.subscription = subscription;
            this.succeeded = new Meters.One<>(durations, subscription, "");
            this.handledByClass = new Meters.ByClass<>(handled, subscription);
            this.spanNames = new Meters.ByClass<>(type -> subscription + " process " + type.getSimpleName());
        }

        String spanName(Class<?> type) {
            return spanNames.get(type);
        }

        void record(Class<?> type, String error, long nanos) {
            if (!error.isEmpty()) {
                durations.with(subscription, error).record(nanos, TimeUnit.NANOSECONDS);
                failures.with(subscription, type.getSimpleName(), error).increment();
                return;
            }
            succeeded.get().record(nanos, TimeUnit.NANOSECONDS);
            handledByClass.get(type).increment();
        }
    }
}
