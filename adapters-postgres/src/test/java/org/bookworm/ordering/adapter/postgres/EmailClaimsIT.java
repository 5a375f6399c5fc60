package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.inmemory.InMemoryMailer;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailOutbox;
import org.bookworm.ordering.core.notification.NotificationService;
import org.bookworm.ordering.core.ordering.OrderFacts;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An e-mail claimed by a deliverer whose process dies mid-send (ADR 0039): the claim names the process's owner lock
 * (ADR 0036), so another process's deliverer sends the e-mail as soon as PostgreSQL has ended the dead process's
 * session, instead of after the claim's two-minute lease (the kill test of issue 15 waited that long for it). A claim
 * of a live process is never taken, and the e-mail is sent once.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class EmailClaimsIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    /** Far inside the claim's two-minute lease: only the owner's death can free the claim that fast. */
    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @Test
    void the_email_claimed_by_a_process_killed_with_sigkill_is_sent_at_once_by_another_and_once() throws Exception {
        var mailServer = new InMemoryMailer();
        var clock = Clock.systemUTC();
        var notifications = new NotificationService(
                pg.adapters().emailOutbox(), mailServer, new UuidV7Generator(clock, new SplittableRandom(5)), clock);
        OrderId order = new OrderId(UUID.randomUUID());
        assertThat(notifications.enqueue(EmailKind.CONFIRMED, facts(order))).isTrue();
        UUID row = pg.adapters()
                .emailOutbox()
                .find(order, EmailKind.CONFIRMED)
                .orElseThrow()
                .id();

        Process child = pg.childJvm(EmailClaimChild.class);
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).as("the child's claim").isEqualTo(EmailClaimChild.CLAIMED + row);
            assertThat(notifications.deliverDue())
                    .as("the claim of the child, alive, is not taken")
                    .isZero();
            assertThat(mailServer.sent()).isEmpty();

            child.destroyForcibly(); // SIGKILL: the child's session ends with its socket
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            long killed = System.nanoTime();
            while (notifications.deliverDue() == 0) {
                assertThat(Duration.ofNanos(System.nanoTime() - killed))
                        .as("the e-mail is still held by the killed child")
                        .isLessThan(AT_ONCE);
                Thread.sleep(20);
            }
            Duration handoff = Duration.ofNanos(System.nanoTime() - killed);
            System.out.printf("EmailClaimsIT: e-mail sent %.1f ms after the child's exit%n", handoff.toNanos() / 1e6);

            assertThat(notifications.deliverDue()).isZero();
            assertThat(mailServer.sent())
                    .extracting(InMemoryMailer.Sent::messageId)
                    .containsExactly(row);
            EmailOutbox.Row sent =
                    pg.adapters().emailOutbox().find(order, EmailKind.CONFIRMED).orElseThrow();
            assertThat(sent.status()).isEqualTo(EmailOutbox.Status.SENT);
            assertThat(sent.attempts()).isEqualTo(1);
        } finally {
            child.destroyForcibly();
        }
    }

    private static OrderFacts facts(OrderId order) {
        return new OrderFacts(
                order,
                Samples.buyer(),
                Samples.ADDRESS,
                Samples.lines(),
                Money.of("37.50", "USD"),
                Map.of(),
                Samples.AT,
                false);
    }
}
