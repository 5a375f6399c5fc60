package org.bookworm.ordering.cli;

import java.util.UUID;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.Mailer;

/**
 * The development mailer of {@code ordering serve}: logs each e-mail (kind, order, subject, Message-ID; never the
 * address or name, which are personal data) instead of sending it, and never fails for an e-mail with an address.
 */
final class LoggingMailer implements Mailer {
    private static final System.Logger LOG = System.getLogger(LoggingMailer.class.getName());

    @Override
    public void send(UUID messageId, Email email) {
        if (!email.sendable()) {
            throw new MailFailed(MailFailed.Kind.PERMANENT, "the e-mail has no recipient address");
        }
        LOG.log(
                System.Logger.Level.INFO,
                "e-mail {0} for order {1}: {2} (message {3})",
                email.kind(),
                email.order(),
                email.subject(),
                messageId);
    }
}
