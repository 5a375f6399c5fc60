package org.bookworm.ordering.cli;

import java.util.UUID;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.port.Mailer;

/** The development mailer of {@code ordering serve}: logs each e-mail instead of sending it, and never fails. */
final class LoggingMailer implements Mailer {
    private static final System.Logger LOG = System.getLogger(LoggingMailer.class.getName());

    @Override
    public void send(UUID messageId, Email email) {
        LOG.log(
                System.Logger.Level.INFO,
                "e-mail {0} for order {1} to {2}: {3} (message {4})",
                email.kind(),
                email.order(),
                email.to(),
                email.subject(),
                messageId);
    }
}
