package org.bookworm.ordering.core.eventsourcing;

/**
 * What a subscription does with each event of the global log. Handlers must be idempotent: after a crash between an
 * effect and its checkpoint the event comes again (projections compare versions, reactors use deterministic ids).
 */
@FunctionalInterface
public interface EventHandler {
    void handle(RecordedEvent event);

    /**
     * Wraps the handler of each subscription as it is built (tracing, metrics: ADR 0033). A decorator must hand the
     * event to the handler it wraps and let its failures through unchanged, so the subscription still sees them.
     */
    @FunctionalInterface
    interface Decorator {
        /** No wrapping at all: the handler itself. */
        Decorator NONE = (subscription, handler) -> handler;

        EventHandler decorate(String subscription, EventHandler handler);
    }
}
