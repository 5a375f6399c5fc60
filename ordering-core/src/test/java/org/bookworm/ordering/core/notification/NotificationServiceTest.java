package org.bookworm.ordering.core.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeyReused;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.inmemory.InMemoryEmailOutbox;
import org.bookworm.ordering.core.inmemory.InMemoryMailer;
import org.bookworm.ordering.core.notification.Mailer.MailFailed;
import org.bookworm.ordering.core.ordering.BuyerSnapshot;
import org.bookworm.ordering.core.ordering.OrderFacts;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderLine;
import org.bookworm.ordering.core.testing.ManualClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * Notification's delivery with a clock the test moves, one "tick" being the 500 ms between two delivery rounds of
 * {@code ordering serve}: the retry policy, the pause while the mail server is down, the recovery within the cap, the
 * admin's resend and clean-up, unsendable e-mails, the log of failures, and a send whose record fails.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class NotificationServiceTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration TICK = Duration.ofMillis(500);
    private static final Duration CAP = Duration.ofSeconds(30);
    private static final EmailAddress ADA = new EmailAddress("ada@example.com");
    private static final Caller ADMIN = Caller.admin("0192f0c8-0000-7000-8000-00000000ad01");

    private final ManualClock clock = new ManualClock(T0);
    private final FlakyOutbox outbox = new FlakyOutbox(new InMemoryEmailOutbox());
    private final InMemoryMailer mailer = new InMemoryMailer();
    private final NotificationService.Settings settings = new NotificationService.Settings(
            RetryPolicy.cappedAt(CAP, Duration.ofHours(1)), NotificationService.Settings.MIN_RETENTION);
    private final NotificationService notifications = new NotificationService(
            outbox,
            mailer,
            new UuidV7Generator(clock, new SplittableRandom(7)),
            clock,
            settings,
            new SplittableRandom(11));
    private final OrderFacts order = order("Ada", ADA);
    private final List<LogRecord> log = new ArrayList<>();
    private final Logger logger = Logger.getLogger(NotificationService.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            log.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureTheLog() {
        logger.addHandler(capture);
    }

    @AfterEach
    void releaseTheLog() {
        logger.removeHandler(capture);
    }

    private static OrderFacts order(String name, @Nullable EmailAddress email) {
        var line = new OrderLine(
                new BookId(UUID.randomUUID()), new BookTitle("Dune"), Quantity.of(1), Money.of("9.99", "USD"));
        return new OrderFacts(
                new OrderId(UUID.randomUUID()),
                new BuyerSnapshot(new BuyerId(UUID.randomUUID()), new PersonName(name), email),
                new Address("1 Main St", "Seattle", "WA"),
                List.of(line),
                Money.of("9.99", "USD"),
                Map.of(),
                T0,
                false);
    }

    private EmailOutbox.Row row() {
        return row(order);
    }

    private EmailOutbox.Row row(OrderFacts of) {
        return outbox.find(of.id(), EmailKind.CONFIRMED).orElseThrow();
    }

    /** Delivery rounds every 500 ms, as {@code ordering serve} runs them, for {@code time}. */
    private int deliverFor(Duration time) {
        int sent = 0;
        for (Duration passed = Duration.ZERO; passed.compareTo(time) < 0; passed = passed.plus(TICK)) {
            sent += notifications.deliverDue();
            clock.advance(TICK);
        }
        return sent;
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
        assertThat(row().attempts()).isEqualTo(1);
    }

    @Test
    void after_the_mail_server_comes_back_a_pending_email_goes_out_within_the_cap() {
        notifications.enqueue(EmailKind.CONFIRMED, order);
        mailer.failing(true);
        deliverFor(Duration.ofMinutes(10));
        int attemptsWhileDown = mailer.attempts();

        mailer.failing(false);
        Instant back = clock.instant();
        while (mailer.sent().isEmpty()) {
            notifications.deliverDue();
            clock.advance(TICK);
            assertThat(Duration.between(back, clock.instant()))
                    .as("the e-mail waits at most the cap plus one round after the server is back")
                    .isLessThanOrEqualTo(CAP.plus(TICK));
        }
        assertThat(row().status()).isEqualTo(EmailOutbox.Status.SENT);
        assertThat(row().attempts()).isEqualTo(attemptsWhileDown + 1);
        // a dead server saw one attempt per pause, never one per round: 10 minutes is 1,200 rounds
        assertThat(attemptsWhileDown).isBetween(10, 10 * 60 / 15 + 10);
    }

    @Test
    void while_the_server_is_down_only_one_email_is_tried_per_pause_and_none_is_lost() {
        var orders = new ArrayList<OrderFacts>();
        for (int i = 0; i < 20; i++) {
            orders.add(order("Buyer " + i, new EmailAddress("buyer" + i + "@example.com")));
            notifications.enqueue(EmailKind.CONFIRMED, orders.get(i));
        }
        mailer.failing(true);
        deliverFor(Duration.ofMinutes(2));
        int attemptsWhileDown = mailer.attempts();

        mailer.failing(false);
        deliverFor(CAP.plus(TICK.multipliedBy(2)));

        assertThat(attemptsWhileDown).isLessThan(20);
        assertThat(mailer.sent()).hasSize(20);
        assertThat(orders).allSatisfy(each -> assertThat(row(each).status()).isEqualTo(EmailOutbox.Status.SENT));
    }

    @Test
    void a_message_refused_for_now_backs_off_without_holding_up_the_others() {
        var bob = order("Bob", new EmailAddress("bob@example.com"));
        notifications.enqueue(EmailKind.CONFIRMED, order);
        notifications.enqueue(EmailKind.CONFIRMED, bob);
        mailer.refuse(ADA, MailFailed.Kind.TEMPORARY);

        assertThat(notifications.deliverDue()).isEqualTo(1);

        assertThat(row(bob).status()).isEqualTo(EmailOutbox.Status.SENT);
        assertThat(row().status()).isEqualTo(EmailOutbox.Status.PENDING);
        assertThat(Duration.between(clock.instant(), row().nextAttemptAt()))
                .isBetween(Duration.ofMillis(2_500), Duration.ofSeconds(5));
        deliverFor(Duration.ofMinutes(5));
        assertThat(Duration.between(clock.instant(), row().nextAttemptAt())).isLessThanOrEqualTo(CAP);
    }

    @Test
    void a_message_refused_for_good_is_dead_at_once() {
        notifications.enqueue(EmailKind.CONFIRMED, order);
        mailer.refuse(ADA, MailFailed.Kind.PERMANENT);

        deliverFor(Duration.ofMinutes(5));

        assertThat(row().status()).isEqualTo(EmailOutbox.Status.DEAD);
        assertThat(row().attempts()).isEqualTo(1);
        assertThat(mailer.attempts()).isEqualTo(1);
    }

    @Test
    void an_email_failing_for_its_whole_window_is_given_up_not_retried_for_ever() {
        notifications.enqueue(EmailKind.CONFIRMED, order);
        mailer.refuse(ADA, MailFailed.Kind.TEMPORARY);

        deliverFor(Duration.ofMinutes(61));

        assertThat(row().status()).isEqualTo(EmailOutbox.Status.DEAD);
        int attempts = mailer.attempts();
        deliverFor(Duration.ofMinutes(10));
        assertThat(mailer.attempts()).isEqualTo(attempts);
    }

    @Test
    void resend_requeues_every_failed_email_and_the_next_round_sends_them_counting_the_attempt() {
        var bob = order("Bob", new EmailAddress("bob@example.com"));
        notifications.enqueue(EmailKind.CONFIRMED, order);
        notifications.enqueue(EmailKind.CONFIRMED, bob);
        mailer.refuse(ADA, MailFailed.Kind.PERMANENT);
        mailer.refuse(new EmailAddress("bob@example.com"), MailFailed.Kind.TEMPORARY);
        notifications.deliverDue();
        assertThat(row().status()).isEqualTo(EmailOutbox.Status.DEAD);
        assertThat(row(bob).status()).isEqualTo(EmailOutbox.Status.PENDING);
        var fixed = new InMemoryMailer();
        var afterFix = new NotificationService(
                outbox,
                fixed,
                new UuidV7Generator(clock, new SplittableRandom(3)),
                clock,
                settings,
                new SplittableRandom(5));

        assertThat(afterFix.resendFailed(ADMIN, "resend-1", List.of())).isEqualTo(2);
        assertThat(afterFix.deliverDue()).isEqualTo(2);

        assertThat(fixed.sent()).hasSize(2);
        assertThat(row().status()).isEqualTo(EmailOutbox.Status.SENT);
        assertThat(row().attempts()).isEqualTo(2);
        assertThat(row(bob).attempts()).isEqualTo(2);
    }

    @Test
    void a_resend_repeated_with_its_request_id_answers_the_same_and_requeues_nothing_more() {
        notifications.enqueue(EmailKind.CONFIRMED, order);
        mailer.refuse(ADA, MailFailed.Kind.PERMANENT);
        notifications.deliverDue();

        assertThat(notifications.resendFailed(ADMIN, "resend-1", List.of())).isEqualTo(1);
        notifications.deliverDue();
        assertThat(row().status()).isEqualTo(EmailOutbox.Status.DEAD);
        assertThat(notifications.resendFailed(ADMIN, "resend-1", List.of())).isEqualTo(1);

        assertThat(row().status()).isEqualTo(EmailOutbox.Status.DEAD);
        assertThatThrownBy(() -> notifications.resendFailed(ADMIN, "resend-1", List.of(row().id())))
                .isInstanceOf(IdempotencyKeyReused.class);
        assertThat(notifications.resendFailed(ADMIN, "resend-2", List.of(row().id())))
                .isEqualTo(1);
    }

    @Test
    void a_resend_lifts_the_pause_so_the_email_goes_out_at_the_next_round() {
        notifications.enqueue(EmailKind.CONFIRMED, order);
        mailer.failing(true);
        deliverFor(Duration.ofMinutes(3));
        mailer.failing(false);

        notifications.resendFailed(ADMIN, "resend-1", List.of());

        assertThat(notifications.deliverDue()).isEqualTo(1);
    }

    @Test
    void a_send_whose_record_fails_is_recorded_later_and_never_sent_twice() {
        notifications.enqueue(EmailKind.CONFIRMED, order);
        outbox.failNextMarks(3);

        for (int round = 0; round < 6; round++) {
            notifications.deliverDue();
            clock.advance(Duration.ofMinutes(5));
        }

        assertThat(mailer.sent()).hasSize(1);
        assertThat(row().status()).isEqualTo(EmailOutbox.Status.SENT);
        assertThat(messages()).anyMatch(message -> message.contains("was sent but could not be recorded"));
    }

    @Test
    void each_failed_send_is_logged_once_with_its_reason_and_no_personal_data() {
        notifications.enqueue(EmailKind.CONFIRMED, order);
        mailer.refuse(ADA, MailFailed.Kind.TEMPORARY);

        notifications.deliverDue();
        clock.advance(Duration.ofSeconds(6));
        notifications.deliverDue();

        List<String> failures = messages().stream()
                .filter(message -> message.contains("failed on attempt"))
                .toList();
        assertThat(failures).hasSize(2);
        assertThat(failures.get(0))
                .contains(row().id().toString(), order.id().toString(), "CONFIRMED", "attempt 1", "temporary")
                .contains("refused the recipient <address>", "next attempt at")
                .doesNotContain("ada@example.com", "Ada");
        assertThat(log.stream().filter(record -> record.getMessage().contains("failed on attempt")))
                .allMatch(record -> record.getLevel() == Level.WARNING);
    }

    @Test
    void a_buyer_without_an_address_gets_an_unsendable_record_and_nothing_is_ever_tried() {
        var noAddress = order("Customer", null);

        assertThat(notifications.enqueue(EmailKind.CONFIRMED, noAddress)).isTrue();
        deliverFor(Duration.ofMinutes(1));

        assertThat(row(noAddress).status()).isEqualTo(EmailOutbox.Status.UNSENDABLE);
        assertThat(mailer.attempts()).isZero();
        assertThat(notifications.resendFailed(ADMIN, "resend-1", List.of())).isZero();
    }

    @Test
    void sent_emails_are_kept_for_the_retention_and_cleaned_up_after() {
        notifications.enqueue(EmailKind.CONFIRMED, order);
        notifications.deliverDue();

        assertThatThrownBy(() -> notifications.cleanUpSent(ADMIN, "c-1", Duration.ofMinutes(59)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retention");
        assertThat(notifications.cleanUpSent(ADMIN, "c-1", Duration.ofHours(1))).isZero();
        assertThat(notifications.cleanUpExpired()).isZero();
        clock.advance(Duration.ofHours(2));
        assertThat(notifications.cleanUpExpired()).isEqualTo(1);
        assertThat(outbox.find(order.id(), EmailKind.CONFIRMED)).isEmpty();
    }

    private List<String> messages() {
        return log.stream()
                .map(record -> java.text.MessageFormat.format(record.getMessage(), record.getParameters()))
                .toList();
    }

    /** The in-memory outbox, whose "mark sent" fails a given number of times as a restarting database does. */
    private static final class FlakyOutbox extends ForwardingEmailOutbox {
        private int failingMarks;

        FlakyOutbox(InMemoryEmailOutbox rows) {
            super(rows);
        }

        void failNextMarks(int count) {
            failingMarks = count;
        }

        @Override
        public void markSent(UUID id, Instant at) {
            if (failingMarks > 0) {
                failingMarks--;
                throw new org.bookworm.ordering.core.eventsourcing.StoreUnavailable(
                        "57P01 terminating connection due to administrator command", new RuntimeException());
            }
            rows.markSent(id, at);
        }
    }
}
