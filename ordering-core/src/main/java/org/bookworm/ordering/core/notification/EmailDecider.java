package org.bookworm.ordering.core.notification;

import static org.bookworm.ordering.core.eventsourcing.Decision.accept;
import static org.bookworm.ordering.core.eventsourcing.Decision.acceptAll;
import static org.bookworm.ordering.core.eventsourcing.Decision.reject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.Decider;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.notification.EmailCommand.Claim;
import org.bookworm.ordering.core.notification.EmailCommand.CleanUp;
import org.bookworm.ordering.core.notification.EmailCommand.Enqueue;
import org.bookworm.ordering.core.notification.EmailCommand.MarkFailed;
import org.bookworm.ordering.core.notification.EmailCommand.MarkSent;
import org.bookworm.ordering.core.notification.EmailCommand.Resend;
import org.bookworm.ordering.core.notification.EmailCommand.Unclaim;
import org.bookworm.ordering.core.notification.EmailEvent.EmailClaimed;
import org.bookworm.ordering.core.notification.EmailEvent.EmailDead;
import org.bookworm.ordering.core.notification.EmailEvent.EmailPurged;
import org.bookworm.ordering.core.notification.EmailEvent.EmailQueued;
import org.bookworm.ordering.core.notification.EmailEvent.EmailRevived;
import org.bookworm.ordering.core.notification.EmailEvent.EmailSent;
import org.bookworm.ordering.core.notification.EmailEvent.EmailUnclaimed;
import org.bookworm.ordering.core.notification.EmailEvent.EmailUnsendable;
import org.bookworm.ordering.core.notification.EmailEvent.SendFailed;
import org.bookworm.ordering.core.notification.EmailRejection.AlreadyQueued;
import org.bookworm.ordering.core.notification.EmailRejection.NotAllowed;
import org.bookworm.ordering.core.notification.EmailRejection.NotDue;
import org.bookworm.ordering.core.notification.EmailRejection.UnknownEmail;
import org.bookworm.ordering.core.notification.EmailState.Dead;
import org.bookworm.ordering.core.notification.EmailState.NoEmail;
import org.bookworm.ordering.core.notification.EmailState.Pending;
import org.bookworm.ordering.core.notification.EmailState.Sent;
import org.bookworm.ordering.core.notification.EmailState.Unsendable;

/**
 * The life of one outbox row, the one definition every e-mail outbox follows. One e-mail per order and kind: a second
 * enqueue is refused whatever the first one's stage; an e-mail without an address is recorded as unsendable and never
 * tried. Only a due pending e-mail is claimed by a deliverer, and a claimed one is not claimed again before its lease
 * ends, so two deliverers never send it at once; only a pending e-mail is sent or fails, and each recorded attempt
 * counts. The caller decides with a {@link RetryPolicy} when a failure is retried, or whether the e-mail is dead. An
 * operator may resend any failed e-mail (dead, or waiting for its retry): it is due at once with a new give-up
 * window, and its attempts keep counting. Sent and unsendable e-mails are final; their rows are cleaned up once older
 * than the retention.
 */
public final class EmailDecider implements Decider<EmailCommand, EmailState, EmailEvent, EmailRejection> {
    static final String NO_ADDRESS = "the buyer has no e-mail address";

    @Override
    public EmailState initialState() {
        return new NoEmail();
    }

    /** A sent or unsendable e-mail never changes again (its clean-up only forgets it). */
    @Override
    public boolean isTerminal(EmailState state) {
        return state instanceof Sent || state instanceof Unsendable;
    }

    @Override
    public Decision<EmailEvent, EmailRejection> decide(EmailCommand command, EmailState state) {
        if (!(command instanceof Enqueue)
                && (state instanceof NoEmail || !rowOf(state).id().equals(command.id()))) {
            return reject(new UnknownEmail(command.id()));
        }
        return switch (command) {
            case Enqueue c
            when !(state instanceof NoEmail) ->
                reject(new AlreadyQueued(
                        c.id(),
                        c.email().order(),
                        c.email().kind(),
                        rowOf(state).id()));
            case Enqueue c when !c.email().sendable() -> accept(new EmailUnsendable(c.id(), c.email(), c.at()));
            case Enqueue c -> accept(new EmailQueued(c.id(), c.email(), c.at()));
            case Claim c
            when state instanceof Pending(EmailRow row) && !row.isDueAt(c.at()) ->
                reject(new NotDue(c.id(), row.dueAt()));
            case Claim c when state instanceof Pending -> accept(new EmailClaimed(c.id(), c.until()));
            case Claim c -> notAllowed(c, "claim", state);
            case Unclaim c
            when state instanceof Pending(EmailRow row) && row.claimedUntil() != null ->
                accept(new EmailUnclaimed(c.id()));
            case Unclaim c -> notAllowed(c, "unclaim", state);
            case MarkSent c when state instanceof Pending -> accept(new EmailSent(c.id(), c.at()));
            case MarkSent c -> notAllowed(c, "mark sent", state);
            case MarkFailed c
            when state instanceof Pending && c.retryAt() == null -> accept(new EmailDead(c.id(), c.error()));
            case MarkFailed(UUID id, String error, Instant retryAt)
            when state instanceof Pending -> accept(new SendFailed(id, error, retryAt));
            case MarkFailed c -> notAllowed(c, "mark failed", state);
            case Resend c when state instanceof Dead -> accept(new EmailRevived(c.id(), c.at()));
            case Resend c
            when state instanceof Pending(EmailRow row) && row.hasFailed() -> accept(new EmailRevived(c.id(), c.at()));
            case Resend c -> notAllowed(c, "resend", state);
            case CleanUp c when isTerminal(state) -> cleanUp(c, rowOf(state), state instanceof Sent);
            case CleanUp c -> notAllowed(c, "clean up", state);
        };
    }

    @Override
    public EmailState evolve(EmailState state, EmailEvent event) {
        return switch (event) {
            case EmailQueued e when state instanceof NoEmail -> new Pending(EmailRow.queued(e.id(), e.email(), e.at()));
            case EmailUnsendable e
            when state instanceof NoEmail ->
                new Unsendable(new EmailRow(e.id(), e.email(), 0, e.at(), e.at(), e.at(), null, null, NO_ADDRESS));
            case EmailClaimed e when state instanceof Pending(EmailRow row) -> new Pending(row.claimed(e.until()));
            case EmailUnclaimed e when state instanceof Pending(EmailRow row) -> new Pending(row.unclaimed());
            case EmailSent e
            when state instanceof Pending(EmailRow row) ->
                new Sent(row.attempted(row.nextAttemptAt(), e.at(), row.lastError()));
            case SendFailed e
            when state instanceof Pending(EmailRow row) -> new Pending(row.attempted(e.retryAt(), null, e.error()));
            case EmailDead e
            when state instanceof Pending(EmailRow row) ->
                new Dead(row.attempted(row.nextAttemptAt(), null, e.error()));
            case EmailRevived e when state instanceof Dead(EmailRow row) -> new Pending(row.retrying(e.at(), null));
            // a resent row that a deliverer holds stays held: its attempt in flight is recorded first
            case EmailRevived e
            when state instanceof Pending(EmailRow row) -> new Pending(row.retrying(e.at(), row.claimedUntil()));
            case EmailPurged e when isTerminal(state) -> new NoEmail();
            default -> throw new IllegalStateException("the e-mail cannot take " + event + " when " + stage(state));
        };
    }

    private static Decision<EmailEvent, EmailRejection> cleanUp(CleanUp command, EmailRow row, boolean sent) {
        Instant finished = sent ? row.sentAt() : row.createdAt();
        // retention not over yet: a later clean-up forgets it
        return finished != null && finished.isBefore(command.cutoff())
                ? accept(new EmailPurged(command.id()))
                : acceptAll(List.of());
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
            case Unsendable(EmailRow row) -> row;
            case NoEmail none -> throw new IllegalStateException("no e-mail yet");
        };
    }

    static String stage(EmailState state) {
        return switch (state) {
            case NoEmail none -> "missing";
            case Pending pending -> "pending";
            case Sent sent -> "sent";
            case Dead dead -> "dead";
            case Unsendable unsendable -> "unsendable";
        };
    }
}
