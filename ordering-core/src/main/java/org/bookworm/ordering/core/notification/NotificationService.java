package org.bookworm.ordering.core.notification;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.random.RandomGenerator;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.eventsourcing.IdGenerator;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeyReused;
import org.bookworm.ordering.core.eventsourcing.RequestHash;
import org.bookworm.ordering.core.ordering.OrderFacts;

/**
 * Notification's use cases. Queues an order's e-mail once per kind (an e-mail to a buyer without an address is
 * recorded as unsendable, never tried). Delivers due e-mails ({@link #deliverDue}): failures are retried by the
 * {@link RetryPolicy} (capped backoff with jitter, given up after its window), a server that cannot be reached pauses
 * delivery for at most the policy's cap, a send whose recording fails is recorded later and never sent again by this
 * process, and each failure is logged once without personal data. An admin resends failed e-mails and cleans up
 * finished ones; both take a request id and answer a repeat as the first. Finished rows are kept at least {@link
 * Settings#retention()}.
 */
public final class NotificationService implements EmailRequests {
    private final EmailOutbox outbox;
    private final IdGenerator ids;
    private final InstantSource clock;
    private final Settings settings;
    private final OutboxSender sender;

    /** The operator's choices: how failures are retried and how long finished rows are kept. */
    public record Settings(RetryPolicy retry, Duration retention) {
        /** Below an hour a redelivered order event could find its row gone and queue the e-mail again. */
        public static final Duration MIN_RETENTION = Duration.ofHours(1);

        public static final Duration MAX_RETENTION = Duration.ofDays(3650);
        public static final Settings DEFAULT = new Settings(RetryPolicy.DEFAULT, Duration.ofDays(7));

        public Settings {
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(retention, "retention");
            if (retention.compareTo(MIN_RETENTION) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
                throw new IllegalArgumentException(
                        "sent e-mails are kept at least 1 h and at most 3650 days, not " + retention);
            }
        }
    }

    public NotificationService(EmailOutbox outbox, Mailer mailer, IdGenerator ids, InstantSource clock) {
        this(outbox, mailer, ids, clock, Settings.DEFAULT, new SplittableRandom());
    }

    /** {@code random} draws the jitter of retry waits. */
    public NotificationService(
            EmailOutbox outbox,
            Mailer mailer,
            IdGenerator ids,
            InstantSource clock,
            Settings settings,
            RandomGenerator random) {
        this.outbox = outbox;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.sender = new OutboxSender(outbox, mailer, clock, settings.retry(), random);
    }

    public Settings settings() {
        return settings;
    }

    /** Queues the e-mail of this kind for the order; false if the order already has one. */
    @Override
    public boolean enqueue(EmailKind kind, OrderFacts order) {
        Instant now = clock.instant();
        Email email = EmailTemplates.render(kind, order, now);
        boolean added = outbox.enqueue(ids.next(), email, now);
        if (added && !email.sendable()) {
            OutboxSender.LOG.log(
                    System.Logger.Level.INFO,
                    "order {0} has no e-mail address: its {1} e-mail is recorded as unsendable",
                    order.id(),
                    kind);
        }
        return added;
    }

    /** Sends e-mails due now, up to a batch; returns how many were sent. */
    public int deliverDue() {
        return sender.deliverDue();
    }

    /**
     * Gives every failed e-mail (or those of {@code only}) a new round: due at once, attempts kept, a new give-up
     * window; lifts a pause of delivery, so they go out at the next delivery. Returns how many.
     * @throws IdempotencyKeyReused if the request id came with another request
     */
    public int resendFailed(Caller caller, String requestId, List<UUID> only) {
        List<UUID> sorted = only.stream().distinct().sorted().toList();
        var request = request(caller, requestId, "ResendFailedEmails", sorted);
        var answer = outbox.requeueFailed(request, sorted);
        sender.resume();
        return counted(request, answer);
    }

    /**
     * Deletes e-mails that finished (sent, or unsendable) more than {@code age} ago; returns how many.
     * @throws IllegalArgumentException if {@code age} is shorter than the retention
     */
    public int cleanUpSent(Caller caller, String requestId, Duration age) {
        if (age.compareTo(settings.retention()) < 0) {
            throw new IllegalArgumentException("sent e-mails are kept " + settings.retention()
                    + " (the retention): clean up only those sent at least that long ago");
        }
        var request = request(caller, requestId, "CleanUpSentEmails", age);
        return counted(request, outbox.purgeBefore(request, clock.instant().minus(age)));
    }

    /** House-keeping: deletes e-mails that finished longer ago than the retention; returns how many. */
    public int cleanUpExpired() {
        return outbox.purgeBefore(clock.instant().minus(settings.retention()));
    }

    private EmailOutbox.AdminRequest request(Caller caller, String requestId, Object... asked) {
        return new EmailOutbox.AdminRequest(caller.subject(), requestId, RequestHash.of(asked), clock.instant());
    }

    private static int counted(EmailOutbox.AdminRequest request, EmailOutbox.Answer answer) {
        if (!answer.requestHash().equals(request.requestHash())) {
            throw new IdempotencyKeyReused(request.key());
        }
        return answer.count();
    }
}
