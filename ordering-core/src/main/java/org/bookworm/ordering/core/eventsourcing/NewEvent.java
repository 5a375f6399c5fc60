package org.bookworm.ordering.core.eventsourcing;

import java.util.Objects;
import java.util.UUID;
import org.bookworm.ordering.core.common.Ids;

/** An event to append, with the id its writer chose once (UUIDv7), so that a retried append is recognised. */
public record NewEvent(UUID eventId, DomainEvent event, Metadata metadata) {
    public NewEvent {
        Ids.requireNotNil(eventId, "event id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(metadata, "metadata");
    }
}
