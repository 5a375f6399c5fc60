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
}
