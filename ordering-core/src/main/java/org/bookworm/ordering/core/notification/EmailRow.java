package org.bookworm.ordering.core.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The facts of one queued e-mail: its id (also its SMTP Message-ID), the rendered e-mail, the attempts whose outcome
 * was recorded (failed or successful; a resend keeps counting), when it was queued, when it is next due, since when it
 * has been retrying (queued, or resent by an operator: the give-up window counts from there), until when a deliverer
 * holds it (null when none does), when it was sent and the last delivery error.
 */
public record EmailRow(
        UUID id,
        Email email,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant retryingSince,
        @Nullable Instant claimedUntil,
        @Nullable Instant sentAt,
        @Nullable String lastError) {
    public EmailRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(createdAt, "created at");
        Objects.requireNonNull(nextAttemptAt, "next attempt at");
        Objects.requireNonNull(retryingSince, "retrying since");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts cannot be negative: " + attempts);
        }
    }

    /** A fresh row, due at {@code at}. */
    static EmailRow queued(UUID id, Email email, Instant at) {
        return new EmailRow(id, email, 0, at, at, at, null, null, null);
    }

    /** When it may be taken: its next attempt, or later while a deliverer holds it. */
    public Instant dueAt() {
        return claimedUntil != null && claimedUntil.isAfter(nextAttemptAt) ? claimedUntil : nextAttemptAt;
    }

    public boolean isDueAt(Instant now) {
        return !dueAt().isAfter(now);
    }

    /** At least one attempt failed and the row has not been sent since. */
    public boolean hasFailed() {
        return lastError != null && sentAt == null;
    }

    EmailRow claimed(Instant until) {
        return new EmailRow(id, email, attempts, createdAt, nextAttemptAt, retryingSince, until, sentAt, lastError);
    }

    EmailRow unclaimed() {
        return new EmailRow(id, email, attempts, createdAt, nextAttemptAt, retryingSince, null, sentAt, lastError);
    }

    EmailRow attempted(Instant next, @Nullable Instant sent, @Nullable String error) {
        return new EmailRow(id, email, attempts + 1, createdAt, next, retryingSince, null, sent, error);
    }

    EmailRow retrying(Instant at, @Nullable Instant claim) {
        return new EmailRow(id, email, attempts, createdAt, at, at, claim, sentAt, lastError);
    }
}
