package org.bookworm.ordering.core.port;

import java.util.UUID;
import org.bookworm.ordering.core.notification.Email;

/**
 * Driven port: sends one e-mail now. {@code messageId} is the outbox row's id; the mailer derives the message's
 * Message-ID from it, so the same row always makes the same Message-ID.
 */
public interface Mailer {

    /** @throws MailFailed when the message was not accepted; the outbox retries it later */
    void send(UUID messageId, Email email);

    /** The mail server refused or could not be reached. */
    final class MailFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MailFailed(String message, Throwable cause) {
            super(message, cause);
        }

        public MailFailed(String message) {
            super(message);
        }
    }
}
