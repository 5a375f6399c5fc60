package org.bookworm.ordering.core.eventsourcing;

/** The answer of a use case: done, with the stream's new version, or refused with a typed reason. */
public sealed interface Outcome<R> {
    record Done<R>(StreamId stream, long version) implements Outcome<R> {}

    record Refused<R>(R reason) implements Outcome<R> {}

    default boolean isDone() {
        return this instanceof Done;
    }
}
