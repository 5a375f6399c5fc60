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
 * @param traceparent the W3C trace context of the work that wrote the event ({@code 00-<trace>-<span>-<flags>}), so
 *     the reaction that handles it continues the same trace across the log; null when nothing was traced (ADR 0033)
 */
public record Metadata(
        String actor,
        List<String> actorRoles,
        UUID correlationId,
        @Nullable UUID causationId,
        @Nullable String requestId,
        @Nullable String onBehalfOf,
        @Nullable String traceparent) {
    /** The W3C form: version 00, 32 hex digits of trace id, 16 of span id, 2 of flags. */
    private static final java.util.regex.Pattern TRACEPARENT =
            java.util.regex.Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    public Metadata {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlation id");
        actorRoles = List.copyOf(actorRoles);
        if (traceparent != null && !TRACEPARENT.matcher(traceparent).matches()) {
            throw new IllegalArgumentException(
                    "a traceparent is 00-<32 hex>-<16 hex>-<2 hex>, not '" + traceparent + "'");
        }
    }

    /** Metadata of an actor acting for someone, not traced. */
    public Metadata(
            String actor,
            List<String> actorRoles,
            UUID correlationId,
            @Nullable UUID causationId,
            @Nullable String requestId,
            @Nullable String onBehalfOf) {
        this(actor, actorRoles, correlationId, causationId, requestId, onBehalfOf, null);
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
        return causedBy(Cause.of(cause), serviceActor);
    }

    /** As above, for a cause read from the log or just appended. */
    public static Metadata causedBy(Cause cause, String serviceActor) {
        return new Metadata(serviceActor, List.of("system"), cause.metadata().correlationId(), cause.eventId(), null);
    }

    /** The same audit data, naming the buyer an admin acts for. */
    public Metadata onBehalfOf(@Nullable String buyer) {
        return new Metadata(actor, actorRoles, correlationId, causationId, requestId, buyer, traceparent);
    }

    /** The same audit data, written within the trace {@code context} (a W3C traceparent). */
    public Metadata withTraceparent(@Nullable String context) {
        return new Metadata(actor, actorRoles, correlationId, causationId, requestId, onBehalfOf, context);
    }
}
