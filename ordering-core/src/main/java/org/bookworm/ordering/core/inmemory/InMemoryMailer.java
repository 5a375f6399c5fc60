package org.bookworm.ordering.core.inmemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.Mailer;
import org.jspecify.annotations.Nullable;

/**
 * A mailer that keeps what it sends, and can be told to fail in each of the ways a mail server fails (to test
 * retries, the pause while the server is down, and the dead state). It counts every attempt.
 */
public final class InMemoryMailer implements Mailer {

    public record Sent(UUID messageId, Email email) {}

    private final List<Sent> sent = new ArrayList<>();
    private final Map<EmailAddress, MailFailed.Kind> refusedAddresses = new HashMap<>();
    private MailFailed.@Nullable Kind failure;
    private int attempts;

    @Override
    public synchronized void send(UUID messageId, Email email) {
        attempts++;
        if (failure != null) {
            throw new MailFailed(failure, "the simulated mail server refused the message (" + failure + ")");
        }
        if (!email.sendable()) {
            throw new MailFailed(MailFailed.Kind.PERMANENT, "the e-mail has no address");
        }
        MailFailed.Kind refused = refusedAddresses.get(email.to());
        if (refused != null) {
            throw new MailFailed(
                    refused,
                    "the simulated mail server refused the recipient "
                            + email.to().value());
        }
        sent.add(new Sent(messageId, email));
    }

    /** True: the server is unreachable until told otherwise; false: it accepts again. */
    public synchronized void failing(boolean refuse) {
        failWith(refuse ? MailFailed.Kind.UNREACHABLE : null);
    }

    /** Fails every send in this way from now on; null accepts again. */
    public synchronized void failWith(MailFailed.@Nullable Kind kind) {
        this.failure = kind;
    }

    /** Refuses messages to this address in this way from now on (the reason names it, as real servers do). */
    public synchronized void refuse(EmailAddress address, MailFailed.Kind kind) {
        refusedAddresses.put(address, kind);
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Every call of {@link #send}, accepted or not. */
    public synchronized int attempts() {
        return attempts;
    }
}
