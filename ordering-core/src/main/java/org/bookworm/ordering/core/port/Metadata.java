package org.bookworm.ordering.core.port;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Audit data stored with every event: who acted (the token's subject or a service identity), with which roles, for
 * which client request, and which message caused it. Correlation ties one checkout's events together.
 */
public record Metadata(
        String actor,
        List<String> actorRoles,
        UUID correlationId,
        @Nullable UUID causationId,
        @Nullable String requestId) {
    public Metadata {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlation id");
        actorRoles = List.copyOf(actorRoles);
    }

    /** Metadata of a message that reacts to {@code cause}: same correlation, caused by that event. */
    public static Metadata causedBy(RecordedEvent cause, String serviceActor) {
        return new Metadata(serviceActor, List.of("system"), cause.metadata().correlationId(), cause.eventId(), null);
    }
}
