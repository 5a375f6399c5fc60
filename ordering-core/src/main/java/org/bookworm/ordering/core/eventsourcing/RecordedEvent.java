package org.bookworm.ordering.core.eventsourcing;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An event as the store keeps it: where it is in the global log and in its stream, and when it was recorded. */
public record RecordedEvent(
        LogPosition position,
        StreamId stream,
        long version,
        UUID eventId,
        DomainEvent event,
        Metadata metadata,
        Instant recordedAt) {
    public RecordedEvent {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(eventId, "event id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(recordedAt, "recorded at");
        if (version < 1) {
            throw new IllegalArgumentException("stream versions start at 1");
        }
    }

    /** The same event with other metadata: read later than the event, or left out of a read that did not need it. */
    public RecordedEvent withMetadata(Metadata other) {
        return new RecordedEvent(position, stream, version, eventId, event, other, recordedAt);
    }
}
