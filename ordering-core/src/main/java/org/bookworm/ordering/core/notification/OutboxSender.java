package org.bookworm.ordering.core.notification;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import org.bookworm.ordering.core.notification.Mailer.MailFailed;
import org.jspecify.annotations.Nullable;

/**
 * Notification's delivery loop: claims due rows in batches of up to {@link #CLAIM_BATCH} (ADR 0050), sends them one
 * at a time, records each outcome, and gives back the claims of a batch it stopped before. A failure is retried by
 * the {@link RetryPolicy}: a refused message after its backoff, a permanently refused one never; a server that cannot
 * be reached stops the round and pauses delivery for the policy's wait after that many outages in a row (so a dead
 * server sees one attempt per wait, never more than the cap apart, and a recovered one is used again within the cap).
 * A send whose "sent" mark cannot be recorded (the store is down) is remembered and recorded before anything else is
 * sent, so this process never sends it twice; only a crash between the send and its record can repeat it, with the
 * same Message-ID. Every failure is logged once, with the row, the order and the reason, never the address or name.
 */
final class OutboxSender {
    static final System.Logger LOG = System.getLogger(NotificationService.class.getName());
    /**
     * Longer than any one send can take (the SMTP mailer bounds each step by its timeout): a live but slow deliverer
     * keeps its row this long. A deliverer whose process died loses it at once (ADR 0039), not after the lease.
     */
    static final Duration LEASE = Duration.ofMinutes(2);

    /** The most e-mails one delivery round attempts. */
    static final int BATCH = 100;
    /** The most due e-mails one claim takes (one statement on PostgreSQL, ADR 0050); they are sent one at a time. */
    static final int CLAIM_BATCH = 16;
    /**
     * How long after its claim a batch's e-mail may still be started: its claim lasts this window plus {@link #LEASE},
     * so every send starts with a whole lease left, as when each e-mail was claimed alone. What a batch has not
     * started by then is given back and claimed again.
     */
    static final Duration BATCH_WINDOW = Duration.ofSeconds(30);

    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:@]+@[^\\s<>\"'(),;:@]+");

    private enum Result {
        SENT,
        /** Sent, but its record failed: the store is likely down, so the round ends. */
        SENT_UNRECORDED,
        FAILED,
        /** The mail server cannot be reached: the round ends. */
        STOP
    }

    private final EmailOutbox outbox;
    private final Mailer mailer;
    private final InstantSource clock;
    private final RetryPolicy retry;
    private final RandomGenerator random;
    private final Map<UUID, Instant> sentNotRecorded = new LinkedHashMap<>();
    private int outagesInARow;
    private Instant pausedUntil = Instant.MIN;

    OutboxSender(EmailOutbox outbox, Mailer mailer, InstantSource clock, RetryPolicy retry, RandomGenerator random) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.clock = clock;
        this.retry = retry;
        this.random = random;
    }

    synchronized int deliverDue() {
        if (!recordEarlierSends()) {
            return 0;
        }
        int sent = 0;
        int attempted = 0;
        while (attempted < BATCH && !clock.instant().isBefore(pausedUntil)) {
            Instant claimedAt = clock.instant();
            Instant startBy = claimedAt.plus(BATCH_WINDOW);
            int asked = Math.min(CLAIM_BATCH, BATCH - attempted);
            List<EmailOutbox.Row> claimed = outbox.claimDue(claimedAt, startBy.plus(LEASE), asked);
            int next = 0;
            boolean stop = false;
            // the first is always started, so each claim moves the round on; the others while the window lasts
            while (next < claimed.size()
                    && !stop
                    && (next == 0 || !clock.instant().isAfter(startBy))) {
                Result result = deliver(claimed.get(next++));
                sent += result == Result.SENT || result == Result.SENT_UNRECORDED ? 1 : 0;
                stop = result == Result.STOP || result == Result.SENT_UNRECORDED;
            }
            attempted += next;
            giveBack(claimed.subList(next, claimed.size()));
            if (stop || claimed.size() < asked && next == claimed.size()) {
                break; // the server or the store is down, or nothing more was due
            }
        }
        return sent;
    }

    /**
     * Gives back the claims of a batch's e-mails not attempted, so any deliverer takes them at once (after a pause,
     * this one). Should the store not answer, they stay this process's until their lease ends.
     */
    private void giveBack(List<EmailOutbox.Row> unattempted) {
        if (unattempted.isEmpty()) {
            return;
        }
        try {
            outbox.unclaim(unattempted.stream().map(EmailOutbox.Row::id).toList());
        } catch (RuntimeException storeDown) {
            LOG.log(
                    Level.WARNING,
                    "{0} claimed e-mails could not be given back ({1}); they are tried again when their claim ends",
                    unattempted.size(),
                    storeDown.getMessage());
        }
    }

    /** An operator resent e-mails: try the server again now rather than after the pause. */
    synchronized void resume() {
        pausedUntil = Instant.MIN;
    }

    private Result deliver(EmailOutbox.Row row) {
        try {
            mailer.send(row.id(), row.email());
        } catch (MailFailed failure) {
            return failed(row, failure);
        }
        outagesInARow = 0;
        Instant sentAt = clock.instant();
        try {
            outbox.markSent(row.id(), sentAt);
        } catch (RuntimeException storeDown) {
            sentNotRecorded.put(row.id(), sentAt);
            LOG.log(
                    Level.WARNING,
                    "e-mail {0} ({1} of order {2}) was sent but could not be recorded ({3}); it will be recorded,"
                            + " not sent again, once the store answers",
                    row.id(),
                    row.email().kind(),
                    row.email().order(),
                    storeDown.getMessage());
            return Result.SENT_UNRECORDED;
        }
        return Result.SENT;
    }

    private Result failed(EmailOutbox.Row row, MailFailed failure) {
        Instant now = clock.instant();
        int failures = row.attempts() + 1;
        Instant retryAt = switch (failure.kind()) {
            case PERMANENT -> null;
            case TEMPORARY -> retry.retryAt(failures, row.retryingSince(), now, random.nextDouble());
            case UNREACHABLE -> {
                pause(now);
                // tried again first when the pause ends, unless its give-up window is over by then
                yield pausedUntil.isAfter(row.retryingSince().plus(retry.giveUpAfter())) ? null : pausedUntil;
            }
        };
        String reason = reasonOf(failure);
        outbox.markFailed(row.id(), reason, retryAt);
        logFailure(row, failures, reason, retryAt);
        return failure.kind() == MailFailed.Kind.UNREACHABLE ? Result.STOP : Result.FAILED;
    }

    private void pause(Instant now) {
        outagesInARow++;
        pausedUntil = now.plus(retry.delay(outagesInARow, random.nextDouble()));
    }

    /** Records sends whose mark failed earlier; false while the store still does not answer. */
    private boolean recordEarlierSends() {
        for (Iterator<Map.Entry<UUID, Instant>> earlier =
                        sentNotRecorded.entrySet().iterator();
                earlier.hasNext(); ) {
            Map.Entry<UUID, Instant> send = earlier.next();
            try {
                outbox.markSent(send.getKey(), send.getValue());
            } catch (RuntimeException stillDown) {
                return false;
            }
            earlier.remove();
            LOG.log(Level.INFO, "e-mail {0}: its earlier send is now recorded", send.getKey());
        }
        return true;
    }

    private static void logFailure(EmailOutbox.Row row, int attempt, String reason, @Nullable Instant retryAt) {
        LOG.log(
                retryAt == null ? Level.ERROR : Level.WARNING,
                "e-mail {0} ({1} of order {2}) failed on attempt {3}: {4}; {5}",
                row.id(),
                row.email().kind(),
                row.email().order(),
                attempt,
                reason,
                retryAt == null
                        ? "giving up: it stays failed until an admin resends it (ResendFailedEmails)"
                        : "next attempt at " + retryAt);
    }

    /** The mailer's reason, never an address (whatever a server put in its reply), and never a whole essay. */
    static String reasonOf(MailFailed failure) {
        String reason = ADDRESS.matcher(String.valueOf(failure.getMessage())).replaceAll("<address>");
        String kind = failure.kind().name().toLowerCase(Locale.ROOT);
        return kind + ": " + (reason.length() > 500 ? reason.substring(0, 500) + "…" : reason);
    }
}
