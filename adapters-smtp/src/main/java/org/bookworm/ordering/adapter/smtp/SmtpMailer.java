package org.bookworm.ordering.adapter.smtp;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.port.Mailer;
import org.jspecify.annotations.Nullable;

/**
 * Notification's {@link Mailer} over SMTP with Angus Mail. The Message-ID is {@code <outbox-row-id@domain>}, so a
 * resend of the same outbox row after a crash carries the same Message-ID and receivers can recognise it. Every
 * connection, read and write is bounded by the configured timeout; a refused or unreachable server is {@link
 * Mailer.MailFailed} and the outbox retries later.
 */
public final class SmtpMailer implements Mailer {

    /** Where and as whom to send; {@code username} null means no authentication. */
    public record Settings(
            String host,
            int port,
            String fromAddress,
            String fromName,
            String messageIdDomain,
            Duration timeout,
            @Nullable String username,
            @Nullable String password,
            boolean startTls) {
        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(fromAddress, "from address");
            Objects.requireNonNull(fromName, "from name");
            Objects.requireNonNull(messageIdDomain, "message id domain");
            Objects.requireNonNull(timeout, "timeout");
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("an SMTP port is 1 to 65535, not " + port);
            }
        }

        /** A plain local server (development, tests): no authentication, no TLS, 5 s timeouts. */
        public static Settings plain(String host, int port, String fromAddress) {
            return new Settings(
                    host, port, fromAddress, "BookWorm", "bookworm.local", Duration.ofSeconds(5), null, null, false);
        }
    }

    private final Settings settings;
    private final Session session;

    public SmtpMailer(Settings settings) {
        this.settings = settings;
        var properties = new Properties();
        String millis = String.valueOf(settings.timeout().toMillis());
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", String.valueOf(settings.port()));
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        properties.put("mail.smtp.auth", String.valueOf(settings.username() != null));
        properties.put("mail.smtp.starttls.enable", String.valueOf(settings.startTls()));
        properties.put("mail.smtp.starttls.required", String.valueOf(settings.startTls()));
        this.session = Session.getInstance(properties);
    }

    @Override
    public void send(UUID messageId, Email email) {
        try {
            MimeMessage message = new FixedIdMessage(session, "<" + messageId + "@" + settings.messageIdDomain() + ">");
            message.setFrom(new InternetAddress(settings.fromAddress(), settings.fromName(), "UTF-8"));
            message.setRecipient(
                    Message.RecipientType.TO, new InternetAddress(email.to().value(), email.toName(), "UTF-8"));
            message.setSubject(email.subject(), StandardCharsets.UTF_8.name());
            message.setText(email.body(), StandardCharsets.UTF_8.name());
            message.saveChanges();
            if (settings.username() != null) {
                Transport.send(message, settings.username(), settings.password());
            } else {
                Transport.send(message);
            }
        } catch (MessagingException | UnsupportedEncodingException failure) {
            throw new MailFailed(
                    "SMTP " + settings.host() + ":" + settings.port() + " did not accept the e-mail: "
                            + failure.getMessage(),
                    failure);
        }
    }

    /** A message whose Message-ID is ours, not one Angus Mail makes up on every save. */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
