package org.bookworm.ordering.core.app;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.inmemory.InMemoryEmailOutbox;
import org.bookworm.ordering.core.inmemory.InMemoryMailer;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.order.BuyerSnapshot;
import org.bookworm.ordering.core.order.OrderFacts;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.order.OrderLine;
import org.bookworm.ordering.core.port.EmailOutbox;
import org.bookworm.ordering.core.testing.ManualClock;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class NotificationServiceTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryEmailOutbox outbox = new InMemoryEmailOutbox();
    private final InMemoryMailer mailer = new InMemoryMailer();
    private final NotificationService notifications =
            new NotificationService(outbox, mailer, new UuidV7Generator(clock, new SplittableRandom(7)), clock);
    private final OrderFacts order = order();

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
                T0,
                false);
    }

    private EmailOutbox.Row row() {
        return outbox.find(order.id(), EmailKind.CONFIRMED).orElseThrow();
    }

    @Test
    void each_kind_is_queued_and_sent_once_per_order() {
        assertThat(notifications.enqueue(EmailKind.CONFIRMED, order)).isTrue();
        assertThat(notifications.enqueue(EmailKind.CONFIRMED, order)).isFalse();

        assertThat(notifications.deliverDue()).isEqualTo(1);
        assertThat(notifications.deliverDue()).isZero();

        assertThat(mailer.sent()).hasSize(1);
        assertThat(mailer.sent().get(0).messageId()).isEqualTo(row().id());
        assertThat(row().status()).isEqualTo(EmailOutbox.Status.SENT);
    }

    @Test
    void failures_back_off_one_five_fifteen_and_sixty_minutes_then_the_email_is_dead() {
        notifications.enqueue(EmailKind.CONFIRMED, order);
        mailer.failing(true);
        List<Duration> waits =
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1));

        notifications.deliverDue();
        for (Duration wait : waits) {
            assertThat(row().nextAttemptAt()).isEqualTo(clock.instant().plus(wait));
            clock.advance(wait.minusSeconds(1));
            assertThat(outbox.due(clock.instant(), 10)).isEmpty();
            clock.advance(Duration.ofSeconds(1));
            notifications.deliverDue();
        }

        assertThat(row().status()).isEqualTo(EmailOutbox.Status.DEAD);
        assertThat(row().attempts()).isEqualTo(NotificationService.MAX_ATTEMPTS);
        assertThat(row().lastError()).contains("refused");
        clock.advance(Duration.ofDays(1));
        assertThat(notifications.deliverDue()).isZero();
    }

    @Test
    void a_dead_email_is_sent_after_it_is_revived_and_sent_rows_are_cleaned_up_later() {
        notifications.enqueue(EmailKind.CONFIRMED, order);
        mailer.failing(true);
        for (int attempt = 0; attempt < NotificationService.MAX_ATTEMPTS; attempt++) {
            notifications.deliverDue();
            clock.advance(Duration.ofHours(2));
        }
        mailer.failing(false);

        assertThat(notifications.resendDead()).isEqualTo(1);
        assertThat(notifications.deliverDue()).isEqualTo(1);
        assertThat(mailer.sent()).hasSize(1);

        assertThat(notifications.cleanUpSent(Duration.ofDays(1))).isZero();
        clock.advance(Duration.ofDays(2));
        assertThat(notifications.cleanUpSent(Duration.ofDays(1))).isEqualTo(1);
        assertThat(outbox.all()).isEmpty();
    }
}
