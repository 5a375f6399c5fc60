package org.bookworm.ordering.core.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The facts of one queued e-mail: its id (also its SMTP Message-ID), the rendered e-mail, the failed or successful
 * attempts so far, when it was queued, when it is next due, when it was sent and the last delivery error.
 */
public record EmailRow(
        UUID id,
        Email email,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        @Nullable Instant sentAt,
        @Nullable String lastError) {
    public EmailRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(createdAt, "created at");
        Objects.requireNonNull(nextAttemptAt, "next attempt at");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative: " + attempts);
        }
    }
}
