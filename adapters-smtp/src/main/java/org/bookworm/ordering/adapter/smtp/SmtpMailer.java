package org.bookworm.ordering.adapter.smtp;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Texts;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.Mailer;
import org.jspecify.annotations.Nullable;

/**
 * Notification's {@link Mailer} over SMTP with Angus Mail. Each e-mail goes as {@code multipart/alternative}: its
 * plain text first, its HTML last (the part clients prefer), both UTF-8. The sender is the configured address with
 * the configured display name. The Message-ID is {@code <outbox-row-id@domain>}, so a resend of the same outbox row
 * after a crash carries the same Message-ID and receivers can recognise it. Every connection, read and write is bounded
 * by the configured timeout. A failure is a {@link Mailer.MailFailed} whose kind the outbox acts on ({@link
 * SmtpFailures}) and whose reason names the server and the SMTP reply code, never the recipient.
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
        /** The default display name of the sender, as BookWorm's. */
        public static final String DEFAULT_FROM_NAME = "BookWorm";

        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(fromAddress, "from address");
            Objects.requireNonNull(messageIdDomain, "message id domain");
            Objects.requireNonNull(timeout, "timeout");
            new EmailAddress(fromAddress); // the sender address must be one, without CR or LF
            Texts.requireClean(fromName, "the sender's display name", 50);
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("an SMTP port is 1 to 65535, not " + port);
            }
        }

        /** A plain local server (development, tests): no authentication, no TLS, 5 s timeouts, "BookWorm". */
        public static Settings plain(String host, int port, String fromAddress) {
            return plain(host, port, fromAddress, DEFAULT_FROM_NAME);
        }

        /** A plain local server with the sender's display name. */
        public static Settings plain(String host, int port, String fromAddress, String fromName) {
            return new Settings(
                    host, port, fromAddress, fromName, "bookworm.local", Duration.ofSeconds(5), null, null, false);
        }

        /** {@code host:port}, for messages. */
        String server() {
            return host + ":" + port;
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
        EmailAddress to = email.to();
        if (to == null) {
            throw new MailFailed(MailFailed.Kind.PERMANENT, "the e-mail has no recipient address");
        }
        try {
            MimeMessage message = message(messageId, email, to);
            if (settings.username() != null) {
                Transport.send(message, settings.username(), settings.password());
            } else {
                Transport.send(message);
            }
        } catch (MessagingException failure) {
            throw SmtpFailures.classify(failure, settings.server());
        } catch (UnsupportedEncodingException impossible) {
            throw new MailFailed(MailFailed.Kind.PERMANENT, "UTF-8 is not supported here", impossible);
        }
    }

    private MimeMessage message(UUID messageId, Email email, EmailAddress to)
            throws MessagingException, UnsupportedEncodingException {
        String utf8 = StandardCharsets.UTF_8.name();
        MimeMessage message = new FixedIdMessage(session, "<" + messageId + "@" + settings.messageIdDomain() + ">");
        message.setFrom(new InternetAddress(settings.fromAddress(), settings.fromName(), utf8));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to.value(), email.toName(), utf8));
        message.setSubject(email.subject(), utf8);
        var text = new MimeBodyPart();
        text.setText(email.body(), utf8, "plain");
        var html = new MimeBodyPart();
        html.setText(email.html(), utf8, "html");
        var alternatives = new MimeMultipart("alternative");
        alternatives.addBodyPart(text);
        alternatives.addBodyPart(html);
        message.setContent(alternatives);
        message.saveChanges();
        return message;
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
