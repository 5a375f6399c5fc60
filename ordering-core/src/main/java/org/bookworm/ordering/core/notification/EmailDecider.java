package org.bookworm.ordering.core.notification;

import static org.bookworm.ordering.core.decider.Decision.accept;
import static org.bookworm.ordering.core.decider.Decision.acceptAll;
import static org.bookworm.ordering.core.decider.Decision.reject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.decider.Decider;
import org.bookworm.ordering.core.decider.Decision;
import org.bookworm.ordering.core.notification.EmailCommand.CleanUp;
import org.bookworm.ordering.core.notification.EmailCommand.Enqueue;
import org.bookworm.ordering.core.notification.EmailCommand.MarkFailed;
import org.bookworm.ordering.core.notification.EmailCommand.MarkSent;
import org.bookworm.ordering.core.notification.EmailCommand.Resend;
import org.bookworm.ordering.core.notification.EmailEvent.EmailDead;
import org.bookworm.ordering.core.notification.EmailEvent.EmailPurged;
import org.bookworm.ordering.core.notification.EmailEvent.EmailQueued;
import org.bookworm.ordering.core.notification.EmailEvent.EmailRevived;
import org.bookworm.ordering.core.notification.EmailEvent.EmailSent;
import org.bookworm.ordering.core.notification.EmailEvent.SendFailed;
import org.bookworm.ordering.core.notification.EmailRejection.AlreadyQueued;
import org.bookworm.ordering.core.notification.EmailRejection.NotAllowed;
import org.bookworm.ordering.core.notification.EmailRejection.UnknownEmail;
import org.bookworm.ordering.core.notification.EmailState.Dead;
import org.bookworm.ordering.core.notification.EmailState.NoEmail;
import org.bookworm.ordering.core.notification.EmailState.Pending;
import org.bookworm.ordering.core.notification.EmailState.Sent;
import org.jspecify.annotations.Nullable;

/**
 * The life of one outbox row, the one definition every e-mail outbox follows. One e-mail per order and kind: a second
 * enqueue is refused whatever the first one's stage. Only a pending e-mail is sent or fails; a failure counts an
 * attempt and is retried after 1 min, 5 min, 15 min, then 1 h, until {@value #MAX_ATTEMPTS} attempts have failed and
 * the e-mail is dead ({@link #retryAt}). A dead e-mail is resent only by an operator, with its attempts reset. A sent
 * e-mail is final; its row is cleaned up once older than the retention.
 */
public final class EmailDecider implements Decider<EmailCommand, EmailState, EmailEvent, EmailRejection> {
    public static final int MAX_ATTEMPTS = 5;

    /** The wait after the n-th failed attempt (n = 1..4); later attempts wait the last one. */
    public static final List<Duration> BACKOFF =
            List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1));

    /**
     * When to try again after the {@code attemptsMade}-th attempt failed at {@code failedAt}: per {@link #BACKOFF},
     * or null (give up: the e-mail turns dead) once {@value #MAX_ATTEMPTS} attempts have failed.
     */
    public static @Nullable Instant retryAt(int attemptsMade, Instant failedAt) {
        if (attemptsMade < 1) {
            throw new IllegalArgumentException("a failure is at least the first attempt, not " + attemptsMade);
        }
        if (attemptsMade >= MAX_ATTEMPTS) {
            return null;
        }
        return failedAt.plus(BACKOFF.get(Math.min(attemptsMade, BACKOFF.size()) - 1));
    }

    @Override
    public EmailState initialState() {
        return new NoEmail();
    }

    /** A sent e-mail never changes again (its clean-up only forgets it). */
    @Override
    public boolean isTerminal(EmailState state) {
        return state instanceof Sent;
    }

    @Override
    public Decision<EmailEvent, EmailRejection> decide(EmailCommand command, EmailState state) {
        if (!(command instanceof Enqueue) && state instanceof NoEmail) {
            return reject(new UnknownEmail(command.id()));
        }
        if (!(command instanceof Enqueue) && !rowOf(state).id().equals(command.id())) {
            return reject(new UnknownEmail(command.id()));
        }
        return switch (command) {
            case Enqueue c when state instanceof NoEmail -> accept(new EmailQueued(c.id(), c.email(), c.at()));
            case Enqueue c -> {
                EmailRow row = rowOf(state);
                yield reject(
                        new AlreadyQueued(c.id(), c.email().order(), c.email().kind(), row.id()));
            }
            case MarkSent c when state instanceof Pending -> accept(new EmailSent(c.id(), c.at()));
            case MarkSent c -> notAllowed(c, "mark sent", state);
            case MarkFailed c
            when state instanceof Pending && c.retryAt() == null -> accept(new EmailDead(c.id(), c.error()));
            case MarkFailed(UUID id, String error, Instant retryAt)
            when state instanceof Pending -> accept(new SendFailed(id, error, retryAt));
            case MarkFailed c -> notAllowed(c, "mark failed", state);
            case Resend c when state instanceof Dead -> accept(new EmailRevived(c.id(), c.at()));
            case Resend c -> notAllowed(c, "resend", state);
            case CleanUp c
            when state instanceof Sent sent -> {
                Instant sentAt = sent.row().sentAt();
                // retention not over yet: a later clean-up forgets it
                yield sentAt != null && sentAt.isBefore(c.cutoff())
                        ? accept(new EmailPurged(c.id()))
                        : acceptAll(List.of());
            }
            case CleanUp c -> notAllowed(c, "clean up", state);
        };
    }

    @Override
    public EmailState evolve(EmailState state, EmailEvent event) {
        return switch (event) {
            case EmailQueued e
            when state instanceof NoEmail ->
                new Pending(new EmailRow(e.id(), e.email(), 0, e.at(), e.at(), null, null));
            case EmailSent e
            when state instanceof Pending(EmailRow row) ->
                new Sent(new EmailRow(
                        row.id(),
                        row.email(),
                        row.attempts() + 1,
                        row.createdAt(),
                        row.nextAttemptAt(),
                        e.at(),
                        row.lastError()));
            case SendFailed e
            when state instanceof Pending(EmailRow row) ->
                new Pending(new EmailRow(
                        row.id(), row.email(), row.attempts() + 1, row.createdAt(), e.retryAt(), null, e.error()));
            case EmailDead e
            when state instanceof Pending(EmailRow row) ->
                new Dead(new EmailRow(
                        row.id(),
                        row.email(),
                        row.attempts() + 1,
                        row.createdAt(),
                        row.nextAttemptAt(),
                        null,
                        e.error()));
            case EmailRevived e
            when state instanceof Dead(EmailRow row) ->
                // attempts start over: the operator fixed whatever made them fail
                new Pending(new EmailRow(row.id(), row.email(), 0, row.createdAt(), e.at(), null, row.lastError()));
            case EmailPurged e when state instanceof Sent -> new NoEmail();
            default -> throw new IllegalStateException("the e-mail cannot take " + event + " when " + stage(state));
        };
    }

    private static Decision<EmailEvent, EmailRejection> notAllowed(
            EmailCommand command, String action, EmailState state) {
        return reject(new NotAllowed(command.id(), action, stage(state)));
    }

    private static EmailRow rowOf(EmailState state) {
        return switch (state) {
            case Pending(EmailRow row) -> row;
            case Sent(EmailRow row) -> row;
            case Dead(EmailRow row) -> row;
            case NoEmail none -> throw new IllegalStateException("no e-mail yet");
        };
    }

    static String stage(EmailState state) {
        return switch (state) {
            case NoEmail none -> "missing";
            case Pending pending -> "pending";
            case Sent sent -> "sent";
            case Dead dead -> "dead";
        };
    }
}
