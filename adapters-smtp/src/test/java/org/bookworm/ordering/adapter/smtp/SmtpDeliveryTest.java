package org.bookworm.ordering.adapter.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.inmemory.InMemoryEmailOutbox;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailOutbox;
import org.bookworm.ordering.core.notification.Mailer;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.notification.RetryPolicy;
import org.bookworm.ordering.core.ordering.BuyerSnapshot;
import org.bookworm.ordering.core.ordering.OrderFacts;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderLine;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The outbox over real SMTP (GreenMail, and a scripted server for refusals): an e-mail queued while the mail server is
 * down goes out soon after it comes back, within the retry cap; a dead e-mail resent by an admin arrives with the same
 * Message-ID. Delivery rounds run every 100 ms here (500 ms in {@code ordering serve}).
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class SmtpDeliveryTest {
    private static final Duration CAP = Duration.ofSeconds(2);
    private static final Caller ADMIN = Caller.admin("0192f0c8-0000-7000-8000-00000000ad01");

    private final InMemoryEmailOutbox outbox = new InMemoryEmailOutbox();
    private final Clock clock = Clock.systemUTC();
    private final OrderFacts order = order();

    private NotificationService notificationsThrough(Mailer mailer) {
        return new NotificationService(
                outbox,
                mailer,
                new UuidV7Generator(clock, new SplittableRandom(1)),
                clock,
                new NotificationService.Settings(
                        RetryPolicy.cappedAt(CAP, Duration.ofHours(1)), NotificationService.Settings.MIN_RETENTION),
                new SplittableRandom(2));
    }

    private static SmtpMailer mailerOn(int port) {
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

    private EmailOutbox.Row row() {
        return outbox.find(order.id(), EmailKind.CONFIRMED).orElseThrow();
    }

    @Test
    void an_email_queued_while_the_server_is_down_goes_out_within_the_cap_after_it_is_back() throws Exception {
        int port = freePort();
        var notifications = notificationsThrough(mailerOn(port));
        notifications.enqueue(EmailKind.CONFIRMED, order);
        rounds(notifications, Duration.ofSeconds(4));
        int failedAttempts = row().attempts();
        assertThat(failedAttempts).isPositive();
        assertThat(row().lastError()).contains("cannot be reached").doesNotContain("ada@example.com");

        var greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try {
            Instant back = Instant.now();
            while (greenMail.getReceivedMessages().length == 0
                    && Instant.now().isBefore(back.plus(CAP).plusSeconds(5))) {
                rounds(notifications, Duration.ofMillis(100));
            }
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
            assertThat(Duration.between(back, Instant.now())).isLessThan(CAP.plusSeconds(5));
            assertThat(row().status()).isEqualTo(EmailOutbox.Status.SENT);
            assertThat(row().attempts()).isEqualTo(failedAttempts + 1);
            assertThat(greenMail.getReceivedMessages()[0].getMessageID())
                    .isEqualTo("<" + row().id() + "@bookworm.test>");
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void a_dead_email_resent_by_an_admin_arrives_with_its_own_message_id_and_the_attempt_counted() throws Exception {
        try (var refusing = new ScriptedSmtpServer("220 test ESMTP", "550 5.1.1 mailbox unavailable")) {
            var first = notificationsThrough(mailerOn(refusing.port()));
            first.enqueue(EmailKind.CONFIRMED, order);
            first.deliverDue();
        }
        assertThat(row().status()).isEqualTo(EmailOutbox.Status.DEAD);
        assertThat(row().lastError())
                .startsWith("permanent: SMTP server 127.0.0.1:")
                .endsWith(" refused the recipient (reply 550)");

        var greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        try {
            var fixed = notificationsThrough(mailerOn(greenMail.getSmtp().getPort()));
            assertThat(fixed.resendFailed(ADMIN, "resend-1", List.of())).isEqualTo(1);
            assertThat(fixed.deliverDue()).isEqualTo(1);

            assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
            assertThat(greenMail.getReceivedMessages()[0].getMessageID())
                    .isEqualTo("<" + row().id() + "@bookworm.test>");
            assertThat(row().status()).isEqualTo(EmailOutbox.Status.SENT);
            assertThat(row().attempts()).isEqualTo(2);
        } finally {
            greenMail.stop();
        }
    }

    private static void rounds(NotificationService notifications, Duration time) throws InterruptedException {
        Instant end = Instant.now().plus(time);
        while (Instant.now().isBefore(end)) {
            notifications.deliverDue();
            Thread.sleep(100);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static OrderFacts order() {
        var line = new OrderLine(
                new BookId(UUID.randomUUID()), new BookTitle("Dune"), Quantity.of(1), Money.of("9.99", "USD"));
        return new OrderFacts(
                new OrderId(UUID.randomUUID()),
                new BuyerSnapshot(
                        new BuyerId(UUID.randomUUID()), new PersonName("Ada"), new EmailAddress("ada@example.com")),
                new Address("1 Main St", "Seattle", "WA"),
                List.of(line),
                Money.of("9.99", "USD"),
                Map.of(),
                Instant.parse("2026-03-01T10:00:00Z"),
                false);
    }
}
