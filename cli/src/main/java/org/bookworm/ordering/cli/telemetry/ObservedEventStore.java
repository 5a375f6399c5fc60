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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.EventStream;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.StreamType;
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
    private final ConcurrentMap<StreamType, OfType> ofTypes = new ConcurrentHashMap<>();

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
        return measured(of(stream).loads, stream, () -> store.load(stream, afterVersion, upToVersion));
    }

    @Override
    public EventStream loadAsOf(StreamId stream, Instant instant) {
        return measured(of(stream).loadsAsOf, stream, () -> store.loadAsOf(stream, instant));
    }

    @Override
    public long append(
            StreamId stream, long expectedVersion, List<NewEvent> events, @Nullable IdempotencyRecord idempotency) {
        OfType type = of(stream);
        long started = System.nanoTime();
        String outcome = "ok";
        try {
            long version = measured(
                    type.appendCalls, stream, () -> store.append(stream, expectedVersion, traced(events), idempotency));
            type.count(events);
            return version;
        } catch (ConcurrencyConflict conflict) {
            outcome = "conflict";
            conflicts.with(type.name).increment();
            throw conflict;
        } catch (RuntimeException failure) {
            outcome = "error";
            throw failure;
        } finally {
            long took = System.nanoTime() - started;
            if (outcome.equals("ok")) {
                type.appendsOk.get().increment();
                type.appendDurationsOk.get().record(took, TimeUnit.NANOSECONDS);
            } else {
                appends.with(type.name, outcome).increment();
                appendDurations.with(type.name, outcome).record(took, TimeUnit.NANOSECONDS);
            }
        }
    }

    private OfType of(StreamId stream) {
        OfType type = ofTypes.get(stream.type());
        return type != null ? type : ofTypes.computeIfAbsent(stream.type(), OfType::new);
    }

    /**
     * The meters one stream type uses on every successful call, resolved once and kept here, so that a call finds
     * each in a field (events: one map read by class) instead of building a key of tag values per meter per call.
     * Failures are rare and take theirs from the families.
     */
    private final class OfType {
        private final String name;
        private final Operation loads;
        private final Operation loadsAsOf;
        private final Operation appendCalls;
        private final Meters.One<Counter> appendsOk;
        private final Meters.One<Timer> appendDurationsOk;
        private final Meters.ByClass<Counter> events;

        OfType(StreamType type) {
            this.name = type.prefix();
            this.loads = operation("load");
            this.loadsAsOf = operation("load_as_of");
            this.appendCalls = operation("append");
            this.appendsOk = new Meters.One<>(appends, name, "ok");
            this.appendDurationsOk = new Meters.One<>(appendDurations, name, "ok");
            this.events = new Meters.ByClass<>(appended, name);
        }

        private Operation operation(String operation) {
            return new Operation(
                    operation,
                    "event_store " + operation + " " + name,
                    new Meters.One<>(operations, operation, name, ""));
        }

        void count(List<NewEvent> written) {
            for (NewEvent event : written) {
                events.get(event.event().getClass()).increment();
            }
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

    /**
     * One kind of call on one stream type: its name, its span's name and its timer when it succeeds, made once, so
     * that a call builds no string (a span is started for every call that is not in a dropped trace, the log's
     * background readers' included, and the sampler decides after its name is given).
     */
    private record Operation(String name, String spanName, Meters.One<Timer> succeeded) {}

    @SuppressWarnings("try") // the scope is only opened and closed
    private <T> T measured(Operation operation, StreamId stream, Supplier<T> call) {
        Span current = Span.current();
        // in a trace its root dropped (nine in ten by default) a span of ours would be built, timed and thrown away:
        // the call runs in the caller's context instead, and its events carry that context's traceparent (flags 00)
        Span span = Traceparents.dropped(current)
                ? current
                : tracer.spanBuilder(operation.spanName())
                        .setSpanKind(SpanKind.CLIENT)
                        .startSpan();
        if (span.isRecording()) {
            // only a kept trace needs them: an unsampled span (most, by default) skips building the attributes
            span.setAttribute("db.operation.name", operation.name()).setAttribute("ordering.stream", stream.toString());
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
            Timer timer = error == null
                    ? operation.succeeded().get()
                    : operations.with(operation.name(), type(stream), error);
            timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    private static String type(StreamId stream) {
        return stream.type().prefix();
    }
}
