package org.bookworm.ordering.core.eventsourcing;

import java.util.List;

/**
 * Events of one stream in version order. {@code version} is the version of the last event read (for a whole stream:
 * the number of events in it; for an unknown stream: 0).
 */
public record EventStream(StreamId stream, long version, List<RecordedEvent> events) {
    public EventStream {
        events = List.copyOf(events);
    }

    public List<DomainEvent> domainEvents() {
        return events.stream().map(RecordedEvent::event).toList();
    }

    public <E> List<E> domainEvents(Class<E> type) {
        return events.stream().map(RecordedEvent::event).map(type::cast).toList();
    }

    public boolean isEmpty() {
        return events.isEmpty();
    }
}
