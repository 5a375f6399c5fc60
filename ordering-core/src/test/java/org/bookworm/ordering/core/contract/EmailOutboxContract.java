package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.port.EmailOutbox;
import org.bookworm.ordering.core.port.EmailOutbox.Status;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every {@link EmailOutbox} promises. Subclasses hand out a fresh, empty outbox per test. */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class EmailOutboxContract {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** Fresh and empty; creating or truncating is the implementation's job. */
    protected abstract EmailOutbox emptyOutbox();

    private EmailOutbox outbox;

    @BeforeEach
    final void createOutbox() {
        outbox = emptyOutbox();
    }

    private String impl() {
        return outbox.getClass().getSimpleName();
    }

    private static Email email(OrderId order, EmailKind kind) {
        return new Email(order, kind, new EmailAddress("ada@example.com"), "Ada", kind.subject(), "Hello Ada");
    }

    @Test
    void one_row_per_order_and_kind() {
        OrderId order = new OrderId(UUID.randomUUID());
        UUID id = UUID.randomUUID();

        assertThat(outbox.enqueue(id, email(order, EmailKind.CONFIRMED), T0))
                .as(impl())
                .isTrue();
        assertThat(outbox.enqueue(UUID.randomUUID(), email(order, EmailKind.CONFIRMED), T0))
                .as(impl())
                .isFalse();
        assertThat(outbox.enqueue(UUID.randomUUID(), email(order, EmailKind.SHIPPED), T0))
                .as(impl())
                .isTrue();

        var row = outbox.find(order, EmailKind.CONFIRMED).orElseThrow();
        assertThat(row.id()).as(impl()).isEqualTo(id);
        assertThat(row.status()).as(impl()).isEqualTo(Status.PENDING);
        assertThat(row.email()).as(impl()).isEqualTo(email(order, EmailKind.CONFIRMED));
        assertThat(row.attempts()).as(impl()).isZero();
    }

    @Test
    void due_rows_are_pending_rows_whose_time_has_come_oldest_first() {
        OrderId first = new OrderId(UUID.randomUUID());
        OrderId second = new OrderId(UUID.randomUUID());
        outbox.enqueue(UUID.randomUUID(), email(second, EmailKind.CONFIRMED), T0.plusSeconds(2));
        outbox.enqueue(UUID.randomUUID(), email(first, EmailKind.CONFIRMED), T0.plusSeconds(1));

        assertThat(outbox.due(T0, 10)).as(impl()).isEmpty();
        assertThat(outbox.due(T0.plusSeconds(5), 10))
                .as(impl())
                .extracting(row -> row.email().order())
                .containsExactly(first, second);
        assertThat(outbox.due(T0.plusSeconds(5), 1)).as(impl()).hasSize(1);
    }

    @Test
    void a_sent_row_is_no_longer_due_and_is_cleaned_up_later() {
        OrderId order = new OrderId(UUID.randomUUID());
        UUID id = UUID.randomUUID();
        outbox.enqueue(id, email(order, EmailKind.CONFIRMED), T0);

        outbox.markSent(id, T0.plusSeconds(1));

        var row = outbox.find(order, EmailKind.CONFIRMED).orElseThrow();
        assertThat(row.status()).as(impl()).isEqualTo(Status.SENT);
        assertThat(row.sentAt()).as(impl()).isEqualTo(T0.plusSeconds(1));
        assertThat(outbox.due(T0.plusSeconds(60), 10)).as(impl()).isEmpty();
        assertThat(outbox.deleteSentBefore(T0.plusSeconds(1))).as(impl()).isZero();
        assertThat(outbox.deleteSentBefore(T0.plusSeconds(2))).as(impl()).isEqualTo(1);
        assertThat(outbox.find(order, EmailKind.CONFIRMED)).as(impl()).isEmpty();
    }

    @Test
    void a_failed_attempt_waits_for_its_retry_time_and_the_last_one_is_dead_until_revived() {
        OrderId order = new OrderId(UUID.randomUUID());
        UUID id = UUID.randomUUID();
        outbox.enqueue(id, email(order, EmailKind.CONFIRMED), T0);

        outbox.markFailed(id, "421 try later", T0.plusSeconds(60));
        assertThat(outbox.due(T0.plusSeconds(59), 10)).as(impl()).isEmpty();
        var row = outbox.find(order, EmailKind.CONFIRMED).orElseThrow();
        assertThat(row.attempts()).as(impl()).isEqualTo(1);
        assertThat(row.lastError()).as(impl()).isEqualTo("421 try later");

        outbox.markFailed(id, "550 no such user", null);
        assertThat(outbox.find(order, EmailKind.CONFIRMED).orElseThrow().status())
                .as(impl())
                .isEqualTo(Status.DEAD);
        assertThat(outbox.due(T0.plusSeconds(3600), 10)).as(impl()).isEmpty();

        assertThat(outbox.reviveDead(T0.plusSeconds(7200))).as(impl()).isEqualTo(1);
        var revived = outbox.find(order, EmailKind.CONFIRMED).orElseThrow();
        assertThat(revived.status()).as(impl()).isEqualTo(Status.PENDING);
        assertThat(revived.attempts()).as(impl()).isZero();
        assertThat(outbox.due(T0.plusSeconds(7200), 10)).as(impl()).hasSize(1);
    }

    @Test
    void only_a_pending_row_takes_sent_and_failed_marks() {
        OrderId order = new OrderId(UUID.randomUUID());
        UUID sent = UUID.randomUUID();
        UUID dead = UUID.randomUUID();
        outbox.enqueue(sent, email(order, EmailKind.CONFIRMED), T0);
        outbox.enqueue(dead, email(order, EmailKind.FAILED), T0);
        outbox.markSent(sent, T0);
        outbox.markFailed(dead, "550", null);

        outbox.markFailed(sent, "late failure", T0.plusSeconds(60));
        outbox.markSent(dead, T0.plusSeconds(1));
        outbox.markSent(UUID.randomUUID(), T0);

        assertThat(outbox.find(order, EmailKind.CONFIRMED).orElseThrow().status())
                .as(impl())
                .isEqualTo(Status.SENT);
        assertThat(outbox.find(order, EmailKind.FAILED).orElseThrow().status())
                .as(impl())
                .isEqualTo(Status.DEAD);
        assertThat(outbox.reviveDead(T0)).as(impl()).isEqualTo(1);
        assertThat(outbox.reviveDead(T0)).as(impl()).isZero();
    }
}
