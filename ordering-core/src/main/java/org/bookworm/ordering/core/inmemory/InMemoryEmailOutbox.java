package org.bookworm.ordering.core.inmemory;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.port.EmailOutbox;
import org.jspecify.annotations.Nullable;

/** The e-mail outbox in a map behind one lock. */
public final class InMemoryEmailOutbox implements EmailOutbox {
    private final Map<UUID, Row> rows = new LinkedHashMap<>();

    @Override
    public synchronized boolean enqueue(UUID id, Email email, Instant at) {
        if (find(email.order(), email.kind()).isPresent()) {
            return false;
        }
        rows.put(id, new Row(id, email, Status.PENDING, 0, at, at, null, null));
        return true;
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
        Row row = rows.get(id);
        if (row != null && row.status() == Status.PENDING) {
            rows.put(
                    id,
                    new Row(
                            id,
                            row.email(),
                            Status.SENT,
                            row.attempts() + 1,
                            row.createdAt(),
                            row.nextAttemptAt(),
                            at,
                            row.lastError()));
        }
    }

    @Override
    public synchronized void markFailed(UUID id, String error, @Nullable Instant retryAt) {
        Row row = rows.get(id);
        if (row != null && row.status() == Status.PENDING) {
            rows.put(
                    id,
                    new Row(
                            id,
                            row.email(),
                            retryAt == null ? Status.DEAD : Status.PENDING,
                            row.attempts() + 1,
                            row.createdAt(),
                            retryAt == null ? row.nextAttemptAt() : retryAt,
                            null,
                            error));
        }
    }

    @Override
    public synchronized int reviveDead(Instant now) {
        int revived = 0;
        for (Row row : List.copyOf(rows.values())) {
            if (row.status() == Status.DEAD) {
                rows.put(
                        row.id(),
                        new Row(row.id(), row.email(), Status.PENDING, 0, row.createdAt(), now, null, row.lastError()));
                revived++;
            }
        }
        return revived;
    }

    @Override
    public synchronized int deleteSentBefore(Instant cutoff) {
        int before = rows.size();
        rows.values()
                .removeIf(row -> row.status() == Status.SENT
                        && row.sentAt() != null
                        && row.sentAt().isBefore(cutoff));
        return before - rows.size();
    }

    /** Every row, oldest first (tests and demos). */
    public synchronized List<Row> all() {
        return List.copyOf(rows.values());
    }
}
