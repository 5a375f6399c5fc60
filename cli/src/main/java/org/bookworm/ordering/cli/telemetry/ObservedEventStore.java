package org.bookworm.ordering.cli.telemetry;

import io.micrometer.core.instrument.Tags;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    private final Meters meters;
    private final Tracer tracer;

    ObservedEventStore(EventStore store, Meters meters, Tracer tracer) {
        this.store = store;
        this.meters = meters;
        this.tracer = tracer;
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
            meters.counter("ordering.event_store.conflicts", "Appends refused: another writer was first", type(stream))
                    .increment();
            throw conflict;
        } catch (RuntimeException failure) {
            outcome = "error";
            throw failure;
        } finally {
            Tags tags = type(stream).and("outcome", outcome);
            meters.counter("ordering.event_store.appends", "Append calls by outcome", tags)
                    .increment();
            meters.timer("ordering.event_store.append.duration", "Time of one append, group commit included", tags)
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
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
            meters.counter(
                            "ordering.event_store.events.appended",
                            "Events appended by stream type and event",
                            type(stream).and("event", event.event().getClass().getSimpleName()))
                    .increment();
        }
    }

    @SuppressWarnings("try") // the scope is only opened and closed
    private <T> T measured(String operation, StreamId stream, Supplier<T> call) {
        Span span = tracer.spanBuilder(
                        "event_store " + operation + " " + stream.type().prefix())
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("db.operation.name", operation)
                .setAttribute("ordering.stream", stream.toString())
                .startSpan();
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
            Tags tags = Tags.of(
                    "db.operation.name",
                    operation,
                    "db.collection.name",
                    stream.type().prefix());
            meters.timer(
                            "db.client.operation.duration",
                            "Event store calls (OpenTelemetry semantic conventions)",
                            error == null ? tags.and("error.type", "") : tags.and("error.type", error))
                    .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private static Tags type(StreamId stream) {
        return Tags.of("stream.type", stream.type().prefix());
    }
}
