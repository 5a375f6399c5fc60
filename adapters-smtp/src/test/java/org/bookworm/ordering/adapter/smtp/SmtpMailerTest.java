package org.bookworm.ordering.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
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
import org.bookworm.ordering.core.notification.Mailer;
import org.bookworm.ordering.core.ordering.OrderId;
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
            "Hello Ada Lovelace,\n\nTotal Amount: $40.00\nÜmlauts survive: ✓\n",
            "<p>Hello Ada Lovelace,</p><p>Total Amount: $40.00</p><p>Ümlauts survive: ✓</p>");

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
        return mailerOn(port, "BookWorm");
    }

    private SmtpMailer mailerOn(int port, String fromName) {
        return new SmtpMailer(new SmtpMailer.Settings(
                "127.0.0.1",
                port,
                "orders@bookworm.test",
                fromName,
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
        var parts = (MimeMultipart) received.getContent();
        assertThat(parts.getBodyPart(0).getContent().toString())
                .contains("Hello Ada Lovelace,", "Total Amount: $40.00", "Ümlauts survive: ✓");
    }

    @Test
    void an_email_is_multipart_alternative_text_first_then_html_from_the_configured_display_name() throws Exception {
        mailerOn(greenMail.getSmtp().getPort(), "BookWorm Orders · Zürich").send(UUID.randomUUID(), EMAIL);

        assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
        MimeMessage received = greenMail.getReceivedMessages()[0];
        assertThat(received.getContentType()).startsWith("multipart/alternative");
        var parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType())
                .startsWith("text/plain")
                .containsIgnoringCase("utf-8");
        assertThat(parts.getBodyPart(1).getContentType())
                .startsWith("text/html")
                .containsIgnoringCase("utf-8");
        assertThat(parts.getBodyPart(1).getContent().toString())
                .isEqualTo("<p>Hello Ada Lovelace,</p><p>Total Amount: $40.00</p><p>Ümlauts survive: ✓</p>");
        assertThat(((InternetAddress) received.getFrom()[0]).getPersonal()).isEqualTo("BookWorm Orders · Zürich");
    }

    @Test
    void a_display_name_with_a_line_break_or_over_50_characters_is_refused() {
        assertThatThrownBy(() -> mailerOn(25, "BookWorm\r\nBcc: all@example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("display name");
        assertThatThrownBy(() -> mailerOn(25, "B".repeat(51))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_email_without_a_recipient_is_a_permanent_failure_and_reaches_no_server() {
        var noAddress = new Email(EMAIL.order(), EMAIL.kind(), null, "Customer", EMAIL.subject(), "text");

        assertThatThrownBy(() -> mailerOn(greenMail.getSmtp().getPort()).send(UUID.randomUUID(), noAddress))
                .isInstanceOfSatisfying(
                        Mailer.MailFailed.class,
                        failure -> assertThat(failure.kind()).isEqualTo(Mailer.MailFailed.Kind.PERMANENT));
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void a_recipient_refused_for_good_is_permanent_and_the_reason_keeps_the_address_out() throws Exception {
        try (var server = new ScriptedSmtpServer("220 test ESMTP", "550 5.1.1 <ada@example.com>: no such user")) {
            assertThatThrownBy(() -> mailerOn(server.port()).send(UUID.randomUUID(), EMAIL))
                    .isInstanceOfSatisfying(Mailer.MailFailed.class, failure -> {
                        assertThat(failure.kind()).isEqualTo(Mailer.MailFailed.Kind.PERMANENT);
                        assertThat(failure.getMessage())
                                .isEqualTo(
                                        "SMTP server 127.0.0.1:" + server.port() + " refused the recipient (reply 550)")
                                .doesNotContain("ada");
                    });
        }
    }

    @Test
    void a_recipient_refused_for_now_is_temporary() throws Exception {
        try (var server = new ScriptedSmtpServer("220 test ESMTP", "451 4.7.1 greylisted, try again later")) {
            assertThatThrownBy(() -> mailerOn(server.port()).send(UUID.randomUUID(), EMAIL))
                    .isInstanceOfSatisfying(
                            Mailer.MailFailed.class,
                            failure -> assertThat(failure.kind()).isEqualTo(Mailer.MailFailed.Kind.TEMPORARY));
        }
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
                .isInstanceOfSatisfying(Mailer.MailFailed.class, failure -> {
                    assertThat(failure.kind()).isEqualTo(Mailer.MailFailed.Kind.UNREACHABLE);
                    assertThat(failure.getMessage()).contains("127.0.0.1:" + closedPort, "cannot be reached");
                });
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
                    .isInstanceOfSatisfying(
                            Mailer.MailFailed.class,
                            failure -> assertThat(failure.kind()).isEqualTo(Mailer.MailFailed.Kind.UNREACHABLE));
            refuser.join(Duration.ofSeconds(5));
        }
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }
}
