package org.bookworm.ordering.core.eventsourcing;

/**
 * What a subscription does with each event of the global log. Handlers must be idempotent: after a crash between an
 * effect and its checkpoint the event comes again (projections compare versions, reactors use deterministic ids).
 */
@FunctionalInterface
public interface EventHandler {
    void handle(RecordedEvent event);
}
