package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.contract.EmailOutboxContract;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.inmemory.InMemoryMailer;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.notification.RetryPolicy;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What delivering e-mails costs PostgreSQL (ADR 0050): the sender claims its due e-mails in batches, one statement
 * for up to sixteen, where it sent one claim per e-mail and one more to find nothing due.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class EmailClaimStatementsIT {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);

    @RegisterExtension
    final PostgresTestDatabase pg = new PostgresTestDatabase();

    private ClaimOwnerLock lock;

    @BeforeEach
    void start() {
        lock = new ClaimOwnerLock(pg.db().config());
    }

    @AfterEach
    void stop() {
        lock.close();
    }

    @Test
    void twenty_due_e_mails_are_claimed_in_two_statements() {
        var counter = new StatementCounter(pg.adapters().dataSource());
        var outbox = new PostgresEmailOutbox(
                counter.dataSource(), EventCodec.standard().mapper(), lock);
        for (int i = 0; i < 20; i++) {
            var email = EmailOutboxContract.email(new OrderId(UUID.randomUUID()), EmailKind.CONFIRMED);
            outbox.enqueue(UUID.randomUUID(), email, T0.plusMillis(i));
        }
        clock.advance(Duration.ofSeconds(1));
        var mailer = new InMemoryMailer();
        var notifications = new NotificationService(
                outbox,
                mailer,
                new UuidV7Generator(clock, new SplittableRandom(7)),
                clock,
                new NotificationService.Settings(
                        RetryPolicy.cappedAt(Duration.ofMinutes(1), Duration.ofHours(1)),
                        NotificationService.Settings.MIN_RETENTION),
                new SplittableRandom(11));
        counter.take();
        counter.takeSql();

        assertThat(notifications.deliverDue()).isEqualTo(20);

        List<String> sql = counter.takeSql();
        long claims = sql.stream().filter(text -> text.contains("WITH me AS")).count();
        assertThat(mailer.sent()).hasSize(20);
        assertThat(claims)
                .as("claims: 16 e-mails, then 4 (21 before: one per e-mail, one finding none)")
                .isEqualTo(2);
        assertThat(sql)
                .as("the claims and one sent mark per e-mail, nothing else")
                .hasSize(22);
    }
}
