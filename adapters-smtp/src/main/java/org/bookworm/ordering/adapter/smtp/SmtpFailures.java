package org.bookworm.ordering.adapter.smtp;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.util.Optional;
import org.bookworm.ordering.core.notification.Mailer.MailFailed;
import org.bookworm.ordering.core.notification.Mailer.MailFailed.Kind;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;

/**
 * What an Angus Mail failure means to the outbox. A reply to the recipient or to the message decides by its code: 4xx
 * is {@link Kind#TEMPORARY} (try this message later), 5xx is {@link Kind#PERMANENT} (never), 421 means the server is
 * closing ({@link Kind#UNREACHABLE}). Everything about the server itself, not this message, is {@link
 * Kind#UNREACHABLE}: no connection, a timeout, a refused greeting, refused credentials, our sender address refused
 * (our configuration, not the buyer's address). Reasons name the server and the reply code, never the recipient: the
 * text of a server's reply often repeats the address, so it is left out.
 */
final class SmtpFailures {
    private SmtpFailures() {}

    static MailFailed classify(MessagingException failure, String server) {
        var sender = find(failure, SMTPSenderFailedException.class);
        if (sender.isPresent()) {
            return new MailFailed(
                    Kind.UNREACHABLE,
                    "SMTP server " + server + " refused our sender address (reply "
                            + sender.get().getReturnCode() + "): check --smtp-from",
                    failure);
        }
        var recipient = find(failure, SMTPAddressFailedException.class);
        if (recipient.isPresent()) {
            int code = recipient.get().getReturnCode();
            return new MailFailed(
                    byCode(code), "SMTP server " + server + " refused the recipient (reply " + code + ")", failure);
        }
        var message = find(failure, SMTPSendFailedException.class);
        if (message.isPresent()) {
            int code = message.get().getReturnCode();
            return new MailFailed(
                    byCode(code), "SMTP server " + server + " refused the message (reply " + code + ")", failure);
        }
        if (find(failure, AddressException.class).isPresent()) {
            return new MailFailed(Kind.PERMANENT, "the recipient address cannot be used for SMTP", failure);
        }
        if (find(failure, AuthenticationFailedException.class).isPresent()) {
            return new MailFailed(Kind.UNREACHABLE, "SMTP server " + server + " refused our credentials", failure);
        }
        return new MailFailed(
                Kind.UNREACHABLE, "SMTP server " + server + " cannot be reached: " + cause(failure), failure);
    }

    private static Kind byCode(int code) {
        if (code == 421) {
            return Kind.UNREACHABLE; // "service not available, closing transmission channel"
        }
        return code >= 500 ? Kind.PERMANENT : code >= 400 ? Kind.TEMPORARY : Kind.UNREACHABLE;
    }

    /** The innermost I/O reason (connection refused, timed out), else what Angus Mail said (a refused greeting). */
    private static String cause(Throwable failure) {
        Throwable inner = failure;
        while (inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        if (inner instanceof IOException) {
            return inner.getClass().getSimpleName() + (inner.getMessage() == null ? "" : " " + inner.getMessage());
        }
        return String.valueOf(failure.getMessage()).replaceAll("\\s+", " ");
    }

    /** The first failure of this type in the chain of causes and of Angus Mail's "next" exceptions. */
    private static <T extends Exception> Optional<T> find(@Nullable Throwable failure, Class<T> type) {
        for (Throwable at = failure; at != null; at = next(at)) {
            if (type.isInstance(at)) {
                return Optional.of(type.cast(at));
            }
        }
        return Optional.empty();
    }

    private static @Nullable Throwable next(Throwable failure) {
        Throwable next = failure instanceof MessagingException messaging ? messaging.getNextException() : null;
        if (next == null) {
            next = failure.getCause();
        }
        return next == failure ? null : next;
    }
}
