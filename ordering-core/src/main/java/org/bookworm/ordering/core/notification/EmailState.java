package org.bookworm.ordering.core.notification;

import java.util.Objects;

/**
 * The stages of one outbox row: none yet (or cleaned up), pending delivery, sent, dead after every attempt of its
 * retry window failed or after a permanent refusal, or unsendable (the buyer gave no e-mail address: recorded, never
 * tried).
 */
public sealed interface EmailState {

    record NoEmail() implements EmailState {}

    /** Waiting for its next attempt at {@code row.dueAt()}. */
    record Pending(EmailRow row) implements EmailState {
        public Pending {
            Objects.requireNonNull(row, "row");
        }
    }

    record Sent(EmailRow row) implements EmailState {
        public Sent {
            Objects.requireNonNull(row, "row");
            Objects.requireNonNull(row.sentAt(), "a sent e-mail has its sending time");
        }
    }

    /** Out of attempts: nothing is tried until an operator resends it. */
    record Dead(EmailRow row) implements EmailState {
        public Dead {
            Objects.requireNonNull(row, "row");
        }
    }

    /** No address to send to: kept as a record that the e-mail was due, never attempted, never resent. */
    record Unsendable(EmailRow row) implements EmailState {
        public Unsendable {
            Objects.requireNonNull(row, "row");
        }
    }
}
