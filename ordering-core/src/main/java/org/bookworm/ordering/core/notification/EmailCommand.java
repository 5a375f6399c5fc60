package org.bookworm.ordering.core.notification;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What may be asked of one outbox row; time always arrives on the command. */
public sealed interface EmailCommand {
    UUID id();

    /** Queue the e-mail, due at {@code at}, unless its order already has one of its kind. */
    record Enqueue(UUID id, Email email, Instant at) implements EmailCommand {
        public Enqueue {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A deliverer takes the due e-mail at {@code at} and holds it until {@code until} (its lease). */
    record Claim(UUID id, Instant at, Instant until) implements EmailCommand {
        public Claim {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(until, "until");
            if (!until.isAfter(at)) {
                throw new IllegalArgumentException("a claim lasts a while: " + until + " is not after " + at);
            }
        }
    }

    /**
     * A deliverer gives back a claim it made and did not attempt (its batch stopped before this row, ADR 0050): the
     * row is due again as it was, with no attempt counted.
     */
    record Unclaim(UUID id) implements EmailCommand {
        public Unclaim {
            Objects.requireNonNull(id, "id");
        }
    }

    /** The mailer accepted the e-mail at {@code at}. */
    record MarkSent(UUID id, Instant at) implements EmailCommand {
        public MarkSent {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The mailer failed: retry at {@code retryAt}, or give up when it is null (the caller's {@link RetryPolicy}). */
    record MarkFailed(UUID id, String error, @Nullable Instant retryAt) implements EmailCommand {
        public MarkFailed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(error, "error");
        }
    }

    /** An operator gives a failed e-mail (dead, or waiting for a retry) a new round of attempts, due at {@code at}. */
    record Resend(UUID id, Instant at) implements EmailCommand {
        public Resend {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(at, "at");
        }
    }

    /** House-keeping: forget the row if it finished (sent, or unsendable) before {@code cutoff}. */
    record CleanUp(UUID id, Instant cutoff) implements EmailCommand {
        public CleanUp {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(cutoff, "cutoff");
        }
    }
}
