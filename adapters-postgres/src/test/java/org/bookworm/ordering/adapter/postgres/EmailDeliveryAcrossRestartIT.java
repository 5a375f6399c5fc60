package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.inmemory.InMemoryMailer;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailOutbox;
import org.bookworm.ordering.core.notification.Mailer;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.ordering.OrderFacts;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 5 on a PostgreSQL of the test's own: the mail server accepts an e-mail, then the database shuts down
 * (fast, as a restart does), so "mark sent" fails with 57P01 or a refused connection. The e-mail is recorded once the
 * database is back and is never sent a second time by this process.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class EmailDeliveryAcrossRestartIT {

    @Test
    void an_email_whose_sent_mark_fails_in_a_restart_is_sent_once_and_recorded_when_the_database_is_back()
            throws InterruptedException {
        try (var server = ThrowawayPostgres.start();
                var pg = PostgresAdapters.start(new PostgresConfig(server.url(), "", "", 4))) {
            var mailServer = new InMemoryMailer();
            var restartOnce = new AtomicBoolean(true);
            Mailer restartingAfterTheSend = (id, email) -> {
                mailServer.send(id, email);
                if (restartOnce.getAndSet(false)) {
                    server.stopFast();
                }
            };
            var clock = Clock.systemUTC();
            var notifications = new NotificationService(
                    pg.emailOutbox(),
                    restartingAfterTheSend,
                    new UuidV7Generator(clock, new SplittableRandom(3)),
                    clock);
            OrderFacts order = order();
            notifications.enqueue(EmailKind.CONFIRMED, order);

            assertThat(notifications.deliverDue()).as("sent, but not recorded").isEqualTo(1);
            assertThat(notifications.deliverDue())
                    .as("the database is down: nothing is sent")
                    .isZero();
            server.startAgain();
            EmailOutbox.Row row = awaitSent(pg.emailOutbox(), notifications, order.id());

            assertThat(mailServer.sent()).hasSize(1);
            assertThat(row.attempts()).isEqualTo(1);
            notifications.deliverDue();
            assertThat(mailServer.sent()).hasSize(1);
        }
    }

    private static EmailOutbox.Row awaitSent(EmailOutbox outbox, NotificationService notifications, OrderId order)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            try {
                notifications.deliverDue();
                var row = outbox.find(order, EmailKind.CONFIRMED).orElseThrow();
                if (row.status() == EmailOutbox.Status.SENT) {
                    return row;
                }
            } catch (RuntimeException stillComingBack) {
                // the pool reconnects within its connection timeout
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the e-mail's send was not recorded within 30 s of the database's return");
    }

    private static OrderFacts order() {
        return new OrderFacts(
                new OrderId(UUID.randomUUID()),
                Samples.buyer(),
                Samples.ADDRESS,
                Samples.lines(),
                org.bookworm.ordering.core.common.Money.of("37.50", "USD"),
                Map.of(),
                Samples.AT,
                false);
    }
}
