package org.bookworm.ordering.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.port.Mailer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** Against GreenMail's real SMTP server on a free loopback port, and against servers that refuse. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class SmtpMailerTest {
    private static final Email EMAIL = new Email(
            new OrderId(UUID.fromString("0192f0c8-2222-7000-8000-000000000001")),
            EmailKind.CONFIRMED,
            new EmailAddress("ada@example.com"),
            "Ada Lovelace",
            EmailKind.CONFIRMED.subject(),
            "Hello Ada Lovelace,\n\nTotal Amount: $40.00\nÜmlauts survive: ✓\n");

    private GreenMail greenMail;

    @BeforeEach
    void startServer() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
    }

    @AfterEach
    void stopServer() {
        greenMail.stop();
    }

    private SmtpMailer mailerOn(int port) {
        return new SmtpMailer(new SmtpMailer.Settings(
                "127.0.0.1",
                port,
                "orders@bookworm.test",
                "BookWorm",
                "bookworm.test",
                Duration.ofSeconds(2),
                null,
                null,
                false));
    }

    @Test
    void an_email_arrives_with_its_recipient_subject_body_and_the_outbox_row_as_message_id() throws Exception {
        UUID row = UUID.fromString("0192f0c8-4444-7000-8000-000000000001");

        mailerOn(greenMail.getSmtp().getPort()).send(row, EMAIL);

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getMessageID()).isEqualTo("<" + row + "@bookworm.test>");
        assertThat(received.getSubject()).isEqualTo(EmailKind.CONFIRMED.subject());
        assertThat(((InternetAddress) received.getAllRecipients()[0]).getAddress())
                .isEqualTo("ada@example.com");
        assertThat(((InternetAddress) received.getAllRecipients()[0]).getPersonal())
                .isEqualTo("Ada Lovelace");
        assertThat(((InternetAddress) received.getFrom()[0]).getAddress()).isEqualTo("orders@bookworm.test");
        assertThat((String) received.getContent())
                .contains("Hello Ada Lovelace,", "Total Amount: $40.00", "Ümlauts survive: ✓");
    }

    @Test
    void the_same_outbox_row_sent_twice_keeps_its_message_id() throws Exception {
        UUID row = UUID.randomUUID();
        SmtpMailer mailer = mailerOn(greenMail.getSmtp().getPort());

        mailer.send(row, EMAIL);
        mailer.send(row, EMAIL);

        assertThat(greenMail.waitForIncomingEmail(5_000, 2)).isTrue();
        assertThat(greenMail.getReceivedMessages()[0].getMessageID())
                .isEqualTo(greenMail.getReceivedMessages()[1].getMessageID());
    }

    @Test
    void a_server_that_is_not_listening_is_a_mail_failure() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> mailerOn(closedPort).send(UUID.randomUUID(), EMAIL))
                .isInstanceOf(Mailer.MailFailed.class)
                .hasMessageContaining("did not accept");
    }

    @Test
    void a_server_that_refuses_the_session_is_a_mail_failure() throws Exception {
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var refuser = Thread.ofVirtual().start(() -> {
                try (Socket client = server.accept();
                        OutputStream out = client.getOutputStream()) {
                    out.write("554 5.3.2 service refused\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (java.io.IOException ignored) {
                    // the test below asserts what the mailer saw
                }
            });

            assertThatThrownBy(() -> mailerOn(server.getLocalPort()).send(UUID.randomUUID(), EMAIL))
                    .isInstanceOf(Mailer.MailFailed.class);
            refuser.join(Duration.ofSeconds(5));
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
