package org.bookworm.ordering.cli.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.EventStream;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.jspecify.annotations.Nullable;

/**
 * The event store, measured and traced from outside: a client span and {@code db.client.operation.duration} per call,
 * and for appends the counts of appends (by outcome), events (by stream type and event) and conflicts. Each event it
 * appends carries the traceparent of the append's span, so the reaction that handles it continues the trace.
 */
final class ObservedEventStore implements EventStore {
    private final EventStore store;
    private final Tracer tracer;
    private final Meters.Family<Counter> conflicts;
    private final Meters.Family<Counter> appends;
    private final Meters.Family<Timer> appendDurations;
    private final Meters.Family<Counter> appended;
    private final Meters.Family<Timer> operations;

    ObservedEventStore(EventStore store, Meters meters, Tracer tracer) {
        this.store = store;
        this.tracer = tracer;
        this.conflicts = meters.counters(
                "ordering.event_store.conflicts", "Appends refused: another writer was first", "stream.type");
        this.appends =
                meters.counters("ordering.event_store.appends", "Append calls by outcome", "stream.type", "outcome");
        this.appendDurations = meters.timers(
                "ordering.event_store.append.duration",
                "Time of one append, group commit included",
                "stream.type",
                "outcome");
        this.appended = meters.counters(
                "ordering.event_store.events.appended",
                "Events appended by stream type and event",
                "stream.type",
                "event");
        this.operations = meters.timers(
                "db.client.operation.duration",
                "Event store calls (OpenTelemetry semantic conventions)",
                "db.operation.name",
                "db.collection.name",
                "error.type");
    }

    @Override
    public EventStream load(StreamId stream, long afterVersion, long upToVersion) {
        return measured("load", stream, () -> store.load(stream, afterVersion, upToVersion));
    }

    @Override
    public EventStream loadAsOf(StreamId stream, Instant instant) {
        return measured("load_as_of", stream, () -> store.loadAsOf(stream, instant));
    }

    @Override
    public long append(
            StreamId stream, long expectedVersion, List<NewEvent> events, @Nullable IdempotencyRecord idempotency) {
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            long version = measured(
                    "append", stream, () -> store.append(stream, expectedVersion, traced(events), idempotency));
            countEvents(stream, events);
            return version;
        } catch (ConcurrencyConflict conflict) {
            outcome = "conflict";
            conflicts.with(type(stream)).increment();
            throw conflict;
        } catch (RuntimeException failure) {
            outcome = "error";
            throw failure;
        } finally {
            appends.with(type(stream), outcome).increment();
            appendDurations.with(type(stream), outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * The events stamped with the current span's traceparent (the append's own), when there is one. Events that shared
     * one metadata share one stamped copy, as the store writes a decision's metadata once per distinct instance.
     */
    private static List<NewEvent> traced(List<NewEvent> events) {
        String traceparent = Traceparents.of(Context.current());
        if (traceparent == null) {
            return events;
        }
        var stamped = new ArrayList<NewEvent>(events.size());
        Metadata original = null;
        Metadata copy = null;
        for (NewEvent event : events) {
            if (event.metadata() != original) {
                original = event.metadata();
                copy = original.withTraceparent(traceparent);
            }
            stamped.add(new NewEvent(event.eventId(), event.event(), copy));
        }
        return stamped;
    }

    private void countEvents(StreamId stream, List<NewEvent> events) {
        for (NewEvent event : events) {
            appended.with(type(stream), event.event().getClass().getSimpleName())
                    .increment();
        }
    }

    @SuppressWarnings("try") // the scope is only opened and closed
    private <T> T measured(String operation, StreamId stream, Supplier<T> call) {
        Span current = Span.current();
        // in a trace its root dropped (nine in ten by default) a span of ours would be built, timed and thrown away:
        // the call runs in the caller's context instead, and its events carry that context's traceparent (flags 00)
        Span span = Traceparents.dropped(current)
                ? current
                : tracer.spanBuilder(
                                "event_store " + operation + " " + stream.type().prefix())
                        .setSpanKind(SpanKind.CLIENT)
                        .startSpan();
        if (span.isRecording()) {
            // only a kept trace needs them: an unsampled span (most, by default) skips building the attributes
            span.setAttribute("db.operation.name", operation).setAttribute("ordering.stream", stream.toString());
        }
        long started = System.nanoTime();
        String error = null;
        try (Scope scope = span.makeCurrent()) {
            return call.get();
        } catch (RuntimeException failure) {
            error = Meters.errorType(failure);
            span.setStatus(StatusCode.ERROR, error);
            throw failure;
        } finally {
            span.end();
            operations
                    .with(operation, type(stream), error == null ? "" : error)
                    .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private static String type(StreamId stream) {
        return stream.type().prefix();
    }
}
