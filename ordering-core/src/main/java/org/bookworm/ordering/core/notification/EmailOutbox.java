package org.bookworm.ordering.core.notification;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * Driven port: Notification's e-mail outbox, one row per (order, kind), each following {@link EmailDecider}. A row is
 * PENDING until sent (SENT) or given up (DEAD); an e-mail without an address is UNSENDABLE from the start. A
 * deliverer claims due rows (one, or a batch of them) with a lease, so two deliverers never hold the same row. A claim
 * belongs to the process that made it (ADR 0039): it holds while that process lives, for its whole lease however slow
 * the send, and may be taken over at once once that process is gone; it ends with its attempt's mark, or when the
 * process gives it back unattempted. Every method is atomic. An admin request carries a key: the same key again
 * answers what the first request got and changes nothing, also when the two race. Every implementation passes {@code
 * EmailOutboxContract}.
 */
public interface EmailOutbox {

    enum Status {
        PENDING,
        SENT,
        DEAD,
        UNSENDABLE
    }

    /**
     * A row; {@code id} also makes the SMTP Message-ID, so a resend after a crash is recognisable. {@code attempts}
     * counts the recorded attempts; {@code claimedUntil} is set while a deliverer holds the row.
     */
    record Row(
            UUID id,
            Email email,
            Status status,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant retryingSince,
            @Nullable Instant claimedUntil,
            @Nullable Instant sentAt,
            @Nullable String lastError) {
        public Row {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(createdAt, "created at");
            Objects.requireNonNull(nextAttemptAt, "next attempt at");
            Objects.requireNonNull(retryingSince, "retrying since");
        }
    }

    /** An admin's request: who asked ({@code scope}), the request id, the hash of what was asked, and when. */
    record AdminRequest(String scope, String key, String requestHash, Instant at) {
        public AdminRequest {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(requestHash, "request hash");
            Objects.requireNonNull(at, "at");
            IdempotencyRecord.requireValidKey(key);
        }
    }

    /** The answer stored for an admin request: its request hash and how many rows it changed. */
    record Answer(String requestHash, int count) {}

    /**
     * Adds a row due at {@code at} (UNSENDABLE when the e-mail has no address) unless the order already has one of
     * this kind, whatever its status; true if added. So a redelivered event never makes a second e-mail.
     */
    boolean enqueue(UUID id, Email email, Instant at);

    Optional<Row> find(OrderId order, EmailKind kind);

    /**
     * Takes the PENDING row due longest ago at {@code now} (its next attempt has come and no deliverer holds it: no
     * claim, one whose lease ran out, or one whose process is gone) and holds it for this process until {@code
     * leaseUntil}: no one else takes it before then unless its attempt is recorded first or this process dies.
     *
     * @throws IllegalStateException when this process's claims were ended ({@code close} of a test's other process)
     */
    default Optional<Row> claimNext(Instant now, Instant leaseUntil) {
        return claimDue(now, leaseUntil, 1).stream().findFirst();
    }

    /**
     * Takes up to {@code limit} due rows at once, each as {@link #claimNext} takes one, the due longest ago first, in
     * that order: a deliverer's batch, one statement on PostgreSQL (ADR 0050). Two claimers, of this process or
     * another, never get the same row. Empty when nothing is due.
     *
     * @throws IllegalStateException when this process's claims were ended ({@code close} of a test's other process)
     */
    List<Row> claimDue(Instant now, Instant leaseUntil, int limit);

    /**
     * Gives back this process's claims of {@code ids} that it has not attempted (a batch it stopped before them): each
     * row is due again as it was, for any deliverer at once, with no attempt counted. A row that is not PENDING, not
     * claimed, or whose claim another process holds (this process lost it) is left alone.
     */
    void unclaim(List<UUID> ids);

    /**
     * PENDING → SENT, counting the attempt and ending the claim. A row that is not PENDING is left alone, so an e-mail
     * sent by a deliverer that lost its claim and by its successor is recorded once, by the first mark.
     */
    void markSent(UUID id, Instant at);

    /**
     * Counts a failed attempt and ends the claim: the row stays PENDING, due at {@code retryAt}, or turns DEAD when
     * {@code retryAt} is null. A row that is not PENDING, or whose claim another process holds (this process lost it),
     * is left alone.
     */
    void markFailed(UUID id, String error, @Nullable Instant retryAt);

    /**
     * Every failed row (DEAD, or PENDING after a failed attempt), or only those of {@code only} when it is not empty,
     * becomes PENDING and due at the request's time with a new give-up window; attempts keep counting. Answers how
     * many.
     */
    Answer requeueFailed(AdminRequest request, List<UUID> only);

    /**
     * Deletes finished rows: SENT ones sent before {@code cutoff} and UNSENDABLE ones queued before it; also forgets
     * admin requests made before it. Answers how many rows.
     */
    Answer purgeBefore(AdminRequest request, Instant cutoff);

    /** {@link #purgeBefore(AdminRequest, Instant)} for house-keeping, without a request key. */
    int purgeBefore(Instant cutoff);
}
