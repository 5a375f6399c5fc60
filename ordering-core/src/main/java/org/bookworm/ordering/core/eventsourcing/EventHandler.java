package org.bookworm.ordering.core.eventsourcing;

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

    /** {@code handler}, declared to act only on what {@code filter} matches. */
    static EventHandler of(EventFilter filter, EventHandler handler) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(handler, "handler");
        return new EventHandler() {
            @Override
            public void handle(RecordedEvent event) {
                handler.handle(event);
            }

            @Override
            public EventFilter handles() {
                return filter;
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
         * {@link #decorate}, keeping what {@code handler} declares it handles: a wrapper written as a lambda would
         * otherwise declare every event, and its subscription would read and decode the whole log (ADR 0030).
         */
        default EventHandler around(String subscription, EventHandler handler) {
            EventHandler decorated = decorate(subscription, handler);
            return decorated == handler ? handler : of(handler.handles(), decorated);
        }
    }
}
