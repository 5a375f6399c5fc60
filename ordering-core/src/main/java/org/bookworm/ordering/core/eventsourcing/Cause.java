package org.bookworm.ordering.core.eventsourcing;

import java.util.Objects;
import java.util.UUID;

/**
 * The event an effect answers: its id, which the effect's events name as their causation, and its metadata, whose
 * correlation they carry on. It is the same whether the event came from the log ({@link RecordedEvent}) or was just
 * appended by the one who reacts to it ({@link NewEvent}), so an effect reads alike either way.
 */
public record Cause(UUID eventId, Metadata metadata) {
    public Cause {
        Objects.requireNonNull(eventId, "event id");
        Objects.requireNonNull(metadata, "metadata");
    }

    public static Cause of(RecordedEvent event) {
        return new Cause(event.eventId(), event.metadata());
    }

    public static Cause of(NewEvent event) {
        return new Cause(event.eventId(), event.metadata());
    }
}
