package org.bookworm.ordering.core.notification;

import java.util.Objects;

/** The stages of one outbox row: none yet (or cleaned up), pending delivery, sent, or dead after the cap. */
public sealed interface EmailState {

    record NoEmail() implements EmailState {}

    /** Waiting for its next attempt at {@code row.nextAttemptAt()}. */
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
}
