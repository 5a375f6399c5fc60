package org.bookworm.ordering.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bookworm.ordering.core.contract.EmailOutboxContract;
import org.bookworm.ordering.core.inmemory.InMemoryEmailOutbox;
import org.bookworm.ordering.core.notification.Mailer.MailFailed;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.testing.ManualClock;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The sender claims its due e-mails in batches (ADR 0050): one claim, one statement on PostgreSQL, for up to {@link
 * OutboxSender#CLAIM_BATCH} e-mails instead of one per e-mail, still sending one at a time, each with a claim that
 * outlasts its send, and giving back what a stopped batch did not attempt.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class OutboxSenderBatchTest {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final ManualClock clock = new ManualClock(T0);
    private final InMemoryEmailOutbox rows = new InMemoryEmailOutbox();
    private final CountingOutbox outbox = new CountingOutbox(rows);

    /** The in-memory outbox, counting the claims made (each one statement on PostgreSQL). */
    private static final class CountingOutbox extends ForwardingEmailOutbox {
        final AtomicInteger claims = new AtomicInteger();

        CountingOutbox(EmailOutbox rows) {
            super(rows);
        }

        @Override
        public List<Row> claimDue(Instant now, Instant leaseUntil, int limit) {
            claims.incrementAndGet();
            return rows.claimDue(now, leaseUntil, limit);
        }
    }

    private OutboxSender sender(Mailer mailer) {
        return new OutboxSender(
                outbox,
                mailer,
                clock,
                RetryPolicy.cappedAt(Duration.ofMinutes(1), Duration.ofHours(1)),
                new SplittableRandom(3));
    }

    private List<Email> queued(int count) {
        var emails = new ArrayList<Email>();
        for (int i = 0; i < count; i++) {
            var email = EmailOutboxContract.email(new OrderId(UUID.randomUUID()), EmailKind.CONFIRMED);
            rows.enqueue(UUID.randomUUID(), email, T0.plusMillis(i));
            emails.add(email);
        }
        clock.advance(Duration.ofSeconds(1));
        return emails;
    }

    private EmailOutbox.Row row(Email email) {
        return rows.find(email.order(), email.kind()).orElseThrow();
    }

    @Test
    void twenty_due_e_mails_are_claimed_in_two_claims_and_sent_one_at_a_time() {
        List<Email> emails = queued(20);
        var sent = new ArrayList<UUID>();
        var sending = new AtomicInteger();
        var most = new AtomicInteger();
        Mailer mailer = (id, email) -> {
            most.accumulateAndGet(sending.incrementAndGet(), Math::max);
            sent.add(id);
            sending.decrementAndGet();
        };

        assertThat(sender(mailer).deliverDue()).isEqualTo(20);

        assertThat(sent).hasSize(20).doesNotHaveDuplicates();
        assertThat(emails).allSatisfy(email -> assertThat(row(email).status()).isEqualTo(EmailOutbox.Status.SENT));
        assertThat(outbox.claims.get())
                .as("claims: 16 e-mails, then 4 (21 before, one per e-mail and one empty)")
                .isEqualTo(2);
        assertThat(most.get()).as("sends at once").isEqualTo(1);
    }

    @Test
    void every_send_starts_with_a_whole_lease_of_its_claim_left_however_slow_the_sends_before_it() {
        List<Email> emails = queued(16);
        var leftAtSend = new ArrayList<Duration>();
        Mailer slow = (id, email) -> {
            EmailOutbox.Row row = emails.stream()
                    .map(this::row)
                    .filter(r -> r.id().equals(id))
                    .findFirst()
                    .orElseThrow();
            leftAtSend.add(Duration.between(clock.instant(), row.claimedUntil()));
            clock.advance(Duration.ofSeconds(20)); // a slow server: a batch of 16 outlasts its window
        };

        assertThat(sender(slow).deliverDue()).isEqualTo(16);

        assertThat(leftAtSend)
                .hasSize(16)
                .allSatisfy(left -> assertThat(left).isGreaterThanOrEqualTo(OutboxSender.LEASE));
        assertThat(outbox.claims.get())
                .as("claimed again once a batch's window had passed")
                .isGreaterThan(1);
        assertThat(emails).allSatisfy(email -> assertThat(row(email).attempts()).isEqualTo(1));
    }

    @Test
    void a_batch_stopped_by_an_unreachable_server_gives_back_what_it_did_not_attempt() {
        List<Email> emails = queued(5);
        Mailer down = (id, email) -> {
            throw new MailFailed(MailFailed.Kind.UNREACHABLE, "connection refused");
        };

        assertThat(sender(down).deliverDue()).isZero();

        assertThat(row(emails.get(0)).attempts()).as("the one attempted").isEqualTo(1);
        try (var other = rows.newProcess()) {
            List<EmailOutbox.Row> taken =
                    other.claimDue(clock.instant(), clock.instant().plus(OutboxSender.LEASE), 16);
            assertThat(taken)
                    .as("the others are due at once for any deliverer, unattempted")
                    .extracting(EmailOutbox.Row::id)
                    .containsExactlyElementsOf(
                            emails.subList(1, 5).stream().map(e -> row(e).id()).toList());
            assertThat(taken).allSatisfy(row -> assertThat(row.attempts()).isZero());
        }
    }
}
