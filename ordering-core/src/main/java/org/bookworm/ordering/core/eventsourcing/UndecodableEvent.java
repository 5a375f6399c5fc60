package org.bookworm.ordering.core.eventsourcing;

/**
 * A stored event this reader cannot decode (an unknown type, a newer schema, a broken payload), handed out by a log
 * instead of stalling it. No handler can act on it and waiting does not help, so a subscription parks its lane at once
 * with {@link #error()} (ADR 0014), never skipping it silently; an operator drops or retries the lane once the reader
 * is upgraded.
 */
public interface UndecodableEvent extends DomainEvent {
    /** Why it could not be decoded. */
    String error();
}
