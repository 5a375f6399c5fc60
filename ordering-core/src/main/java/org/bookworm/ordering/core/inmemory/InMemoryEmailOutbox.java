package org.bookworm.ordering.core.inmemory;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bookworm.ordering.core.decider.Decision;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.EmailCommand;
import org.bookworm.ordering.core.notification.EmailDecider;
import org.bookworm.ordering.core.notification.EmailEvent;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailRow;
import org.bookworm.ordering.core.notification.EmailState;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.port.EmailOutbox;
import org.jspecify.annotations.Nullable;

/**
 * The e-mail outbox in a map behind one lock. Each row follows {@link EmailDecider}: an update folds the row into its
 * state, decides and stores the result; a refused command leaves the row alone, as the port asks.
 */
public final class InMemoryEmailOutbox implements EmailOutbox {
    private static final EmailDecider DECIDER = new EmailDecider();

    private final Map<UUID, Row> rows = new LinkedHashMap<>();

    @Override
    public synchronized boolean enqueue(UUID id, Email email, Instant at) {
        EmailState state = find(email.order(), email.kind())
                .map(InMemoryEmailOutbox::stateOf)
                .orElse(new EmailState.NoEmail());
        return apply(new EmailCommand.Enqueue(id, email, at), state);
    }

    @Override
    public synchronized Optional<Row> find(OrderId order, EmailKind kind) {
        return rows.values().stream()
                .filter(row -> row.email().order().equals(order) && row.email().kind() == kind)
                .findFirst();
    }

    @Override
    public synchronized List<Row> due(Instant now, int limit) {
        return rows.values().stream()
                .filter(row ->
                        row.status() == Status.PENDING && !row.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(Row::nextAttemptAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized void markSent(UUID id, Instant at) {
        apply(new EmailCommand.MarkSent(id, at));
    }

    @Override
    public synchronized void markFailed(UUID id, String error, @Nullable Instant retryAt) {
        apply(new EmailCommand.MarkFailed(id, error, retryAt));
    }

    @Override
    public synchronized int reviveDead(Instant now) {
        int revived = 0;
        for (Row row : List.copyOf(rows.values())) {
            if (row.status() == Status.DEAD && apply(new EmailCommand.Resend(row.id(), now))) {
                revived++;
            }
        }
        return revived;
    }

    @Override
    public synchronized int deleteSentBefore(Instant cutoff) {
        int deleted = 0;
        for (Row row : List.copyOf(rows.values())) {
            if (row.status() == Status.SENT && apply(new EmailCommand.CleanUp(row.id(), cutoff))) {
                deleted++;
            }
        }
        return deleted;
    }

    /** Every row, oldest first (tests and demos). */
    public synchronized List<Row> all() {
        return List.copyOf(rows.values());
    }

    private boolean apply(EmailCommand command) {
        Row row = rows.get(command.id());
        return apply(command, row == null ? new EmailState.NoEmail() : stateOf(row));
    }

    /** Decides on the row's state and stores the outcome; true if the command changed the row. */
    private boolean apply(EmailCommand command, EmailState state) {
        List<EmailEvent> events = switch (DECIDER.decide(command, state)) {
            case Decision.Accepted<EmailEvent, ?> accepted -> accepted.events();
            case Decision.Rejected<?, ?> refused -> List.of();
        };
        if (events.isEmpty()) {
            return false;
        }
        switch (DECIDER.fold(state, events)) {
            case EmailState.NoEmail none -> rows.remove(command.id());
            case EmailState.Pending(EmailRow row) -> rows.put(row.id(), rowOf(row, Status.PENDING));
            case EmailState.Sent(EmailRow row) -> rows.put(row.id(), rowOf(row, Status.SENT));
            case EmailState.Dead(EmailRow row) -> rows.put(row.id(), rowOf(row, Status.DEAD));
        }
        return true;
    }

    private static EmailState stateOf(Row row) {
        var facts = new EmailRow(
                row.id(),
                row.email(),
                row.attempts(),
                row.createdAt(),
                row.nextAttemptAt(),
                row.sentAt(),
                row.lastError());
        return switch (row.status()) {
            case PENDING -> new EmailState.Pending(facts);
            case SENT -> new EmailState.Sent(facts);
            case DEAD -> new EmailState.Dead(facts);
        };
    }

    private static Row rowOf(EmailRow row, Status status) {
        return new Row(
                row.id(),
                row.email(),
                status,
                row.attempts(),
                row.createdAt(),
                row.nextAttemptAt(),
                row.sentAt(),
                row.lastError());
    }
}
