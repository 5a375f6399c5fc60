package org.bookworm.ordering.core.eventsourcing;

import java.util.List;
import java.util.Objects;

/**
 * What a subscription does with each event of the global log. Handlers must be idempotent: after a crash between an
 * effect and its checkpoint the event comes again (projections compare versions, reactors use deterministic ids).
 */
@FunctionalInterface
public interface EventHandler {
    void handle(RecordedEvent event);

    /**
     * The events this handler acts on: its subscription reads only these from the log (and passes over the rest). A
     * handler must do nothing with an event outside it; the default is every event.
     */
    default EventFilter handles() {
        return EventFilter.ALL;
    }

    /**
     * Called once per batch, on the thread that runs it and inside its unit of work, with the batch's events this
     * subscription will hand to {@link #handle} (a held lane's events among them are held instead), before the first of
     * them: a handler may fetch at once what the batch's events will need (a projection its views, ADR 0046). The
     * events of held lanes retried before the batch are not in it. Does nothing by default; a failure fails the batch.
     */
    default void batchRead(List<RecordedEvent> batch) {}

    /** {@code handler}, declared to act only on what {@code filter} matches. */
    static EventHandler of(EventFilter filter, EventHandler handler) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(handler, "handler");
        return of(filter, handler, handler);
    }

    /** {@code handler}, declared to act only on what {@code filter} matches, telling {@code reader} of each batch. */
    private static EventHandler of(EventFilter filter, EventHandler handler, EventHandler reader) {
        return new EventHandler() {
            @Override
            public void handle(RecordedEvent event) {
                handler.handle(event);
            }

            @Override
            public EventFilter handles() {
                return filter;
            }

            @Override
            public void batchRead(List<RecordedEvent> batch) {
                reader.batchRead(batch);
            }
        };
    }

    /**
     * Wraps the handler of each subscription as it is built (tracing, metrics: ADR 0033). A decorator must hand the
     * event to the handler it wraps and let its failures through unchanged, so the subscription still sees them.
     */
    @FunctionalInterface
    interface Decorator {
        /** No wrapping at all: the handler itself. */
        Decorator NONE = (subscription, handler) -> handler;

        EventHandler decorate(String subscription, EventHandler handler);

        /**
         * {@link #decorate}, keeping what {@code handler} declares it handles (a wrapper written as a lambda would
         * otherwise declare every event, and its subscription would read and decode the whole log, ADR 0030) and
         * telling {@code handler} of each batch, as a lambda would not (ADR 0046).
         */
        default EventHandler around(String subscription, EventHandler handler) {
            EventHandler decorated = decorate(subscription, handler);
            return decorated == handler ? handler : of(handler.handles(), decorated, handler);
        }
    }
}
