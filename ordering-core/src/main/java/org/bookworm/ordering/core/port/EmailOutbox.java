package org.bookworm.ordering.core.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.order.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * Driven port: Notification's e-mail outbox, one row per (order, kind). A row is PENDING until sent (SENT) or until
 * its attempts reach the cap (DEAD). Every method is atomic. Every implementation passes {@code EmailOutboxContract}.
 */
public interface EmailOutbox {

    enum Status {
        PENDING,
        SENT,
        DEAD
    }

    /** A row; {@code id} also makes the SMTP Message-ID, so a resend after a crash is recognisable. */
    record Row(
            UUID id,
            Email email,
            Status status,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            @Nullable Instant sentAt,
            @Nullable String lastError) {
        public Row {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(createdAt, "created at");
            Objects.requireNonNull(nextAttemptAt, "next attempt at");
        }
    }

    /**
     * Adds a PENDING row due at {@code at} unless the order already has one of this kind (whatever its status);
     * true if added. So a redelivered event never makes a second e-mail.
     */
    boolean enqueue(UUID id, Email email, Instant at);

    Optional<Row> find(OrderId order, EmailKind kind);

    /** Up to {@code limit} PENDING rows due at or before {@code now}, oldest first. */
    List<Row> due(Instant now, int limit);

    /** PENDING → SENT. A row that is not PENDING is left alone. */
    void markSent(UUID id, Instant at);

    /**
     * Counts a failed attempt: the row stays PENDING, due at {@code retryAt}, or turns DEAD when {@code retryAt} is
     * null. A row that is not PENDING is left alone.
     */
    void markFailed(UUID id, String error, @Nullable Instant retryAt);

    /** Every DEAD row becomes PENDING again with its attempts reset, due at {@code now}; returns how many. */
    int reviveDead(Instant now);

    /** Deletes SENT rows sent before {@code cutoff}; returns how many. */
    int deleteSentBefore(Instant cutoff);
}
