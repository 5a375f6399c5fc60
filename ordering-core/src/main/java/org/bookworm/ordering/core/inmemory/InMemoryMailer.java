package org.bookworm.ordering.core.inmemory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.port.Mailer;

/** A mailer that keeps what it sends, and can be told to refuse (to test retries and the dead state). */
public final class InMemoryMailer implements Mailer {

    public record Sent(UUID messageId, Email email) {}

    private final List<Sent> sent = new ArrayList<>();
    private boolean failing;

    @Override
    public synchronized void send(UUID messageId, Email email) {
        if (failing) {
            throw new MailFailed("the simulated mail server refused the message");
        }
        sent.add(new Sent(messageId, email));
    }

    public synchronized void failing(boolean refuse) {
        this.failing = refuse;
    }

    public synchronized List<Sent> sent() {
        return List.copyOf(sent);
    }
}
