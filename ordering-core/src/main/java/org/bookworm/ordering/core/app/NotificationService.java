package org.bookworm.ordering.core.app;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.bookworm.ordering.core.notification.EmailDecider;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailTemplates;
import org.bookworm.ordering.core.order.OrderFacts;
import org.bookworm.ordering.core.port.EmailOutbox;
import org.bookworm.ordering.core.port.IdGenerator;
import org.bookworm.ordering.core.port.Mailer;

/**
 * Notification's use cases: queue an order's e-mail once per kind, deliver due e-mails with {@link EmailDecider}'s
 * backoff (1 min, 5 min, 15 min, 1 h) and a cap of {@value #MAX_ATTEMPTS} attempts, after which a row is dead until an operator revives it;
 * clean up sent rows. A failing address never blocks the others.
 */
public final class NotificationService {
    public static final int MAX_ATTEMPTS = EmailDecider.MAX_ATTEMPTS;

    private final EmailOutbox outbox;
    private final Mailer mailer;
    private final IdGenerator ids;
    private final InstantSource clock;

    public NotificationService(EmailOutbox outbox, Mailer mailer, IdGenerator ids, InstantSource clock) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.ids = ids;
        this.clock = clock;
    }

    /** Queues the e-mail of this kind for the order; false if the order already has one. */
    public boolean enqueue(EmailKind kind, OrderFacts order) {
        return outbox.enqueue(ids.next(), EmailTemplates.render(kind, order), clock.instant());
    }

    /** Sends every e-mail due now; returns how many were sent. */
    public int deliverDue() {
        Instant now = clock.instant();
        int sent = 0;
        for (EmailOutbox.Row row : outbox.due(now, 100)) {
            try {
                mailer.send(row.id(), row.email());
                outbox.markSent(row.id(), clock.instant());
                sent++;
            } catch (Mailer.MailFailed failure) {
                Instant retryAt = EmailDecider.retryAt(row.attempts() + 1, now);
                outbox.markFailed(row.id(), String.valueOf(failure.getMessage()), retryAt);
            }
        }
        return sent;
    }

    /** Gives dead e-mails a new round of attempts (BookWorm's hourly "resend error e-mail"); returns how many. */
    public int resendDead() {
        return outbox.reviveDead(clock.instant());
    }

    /** Deletes rows sent more than {@code age} ago; returns how many. */
    public int cleanUpSent(Duration age) {
        return outbox.deleteSentBefore(clock.instant().minus(age));
    }
}
