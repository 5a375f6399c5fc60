package org.bookworm.ordering.core.notification;

import java.util.Objects;
import java.util.UUID;

/**
 * Driven port: sends one e-mail now, as {@code multipart/alternative} (its text and its HTML). {@code messageId} is the
 * outbox row's id; the mailer derives the message's Message-ID from it, so the same row always makes the same
 * Message-ID and a receiver can recognise a repeat.
 */
public interface Mailer {

    /** @throws MailFailed when the message was not accepted; the outbox retries it later or gives up */
    void send(UUID messageId, Email email);

    /**
     * The message was not accepted. {@link Kind} tells the outbox what to do; the message says why, for the log and
     * the row, with no personal data (no address, no name): mailers word it so.
     */
    final class MailFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** Who failed, and whether waiting can help. */
        public enum Kind {
            /** The server could not be reached or would not talk to us: no message can go now; retry later. */
            UNREACHABLE,
            /** The server refused this message for now (a 4xx reply): retry it later. */
            TEMPORARY,
            /** The server refused this message for good (a 5xx reply, no address): do not retry it. */
            PERMANENT
        }

        private final Kind kind;

        public MailFailed(Kind kind, String reason, Throwable cause) {
            super(reason, cause);
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        public MailFailed(Kind kind, String reason) {
            super(reason);
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        public Kind kind() {
            return kind;
        }
    }
}
