package org.bookworm.ordering.core.eventsourcing;

import java.util.List;

/** The answer of a decider: the events to append (possibly none, for a command that changes nothing) or a reason. */
public sealed interface Decision<E, R> {

    record Accepted<E, R>(List<E> events) implements Decision<E, R> {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    record Rejected<E, R>(R reason) implements Decision<E, R> {}

    static <E, R> Decision<E, R> accept(E event) {
        return new Accepted<>(List.of(event));
    }

    static <E, R> Decision<E, R> acceptAll(List<E> events) {
        return new Accepted<>(events);
    }

    static <E, R> Decision<E, R> reject(R reason) {
        return new Rejected<>(reason);
    }

    default boolean accepted() {
        return this instanceof Accepted;
    }

    default List<E> events() {
        return this instanceof Accepted<E, R> accepted ? accepted.events() : List.of();
    }
}
