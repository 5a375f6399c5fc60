package org.bookworm.ordering.core.eventsourcing;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Audit data stored with every event: who acted (the token's subject or a service identity), with which roles, for
 * which client request, on whose behalf, and which message caused it. Correlation ties together everything one
 * request set off (a checkout's events across the order, checkout and payment streams); causation names the event a
 * reaction answers (none for a client's command, whose request id names it instead).
 *
 * @param requestId the client's request id (its idempotency key), or null when no client asked (a reaction)
 * @param onBehalfOf the buyer whose order or profile an admin acted on, or null when the buyers acted themselves or a
 *     service reacted to an event
 */
public record Metadata(
        String actor,
        List<String> actorRoles,
        UUID correlationId,
        @Nullable UUID causationId,
        @Nullable String requestId,
        @Nullable String onBehalfOf) {
    public Metadata {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlation id");
        actorRoles = List.copyOf(actorRoles);
    }

    /** Metadata of an actor acting for themselves. */
    public Metadata(
            String actor,
            List<String> actorRoles,
            UUID correlationId,
            @Nullable UUID causationId,
            @Nullable String requestId) {
        this(actor, actorRoles, correlationId, causationId, requestId, null);
    }

    /** Metadata of a message that reacts to {@code cause}: same correlation, caused by that event. */
    public static Metadata causedBy(RecordedEvent cause, String serviceActor) {
        return new Metadata(serviceActor, List.of("system"), cause.metadata().correlationId(), cause.eventId(), null);
    }

    /** The same audit data, naming the buyer an admin acts for. */
    public Metadata onBehalfOf(@Nullable String buyer) {
        return new Metadata(actor, actorRoles, correlationId, causationId, requestId, buyer);
    }
}
