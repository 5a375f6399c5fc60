package org.bookworm.ordering.core.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * An outbox that passes every call on to {@code rows} ({@code claimNext} through {@code claimDue}, as the port's
 * default does); a test overrides the calls it counts or breaks.
 */
class ForwardingEmailOutbox implements EmailOutbox {
    protected final EmailOutbox rows;

    ForwardingEmailOutbox(EmailOutbox rows) {
        this.rows = rows;
    }

    @Override
    public boolean enqueue(UUID id, Email email, Instant at) {
        return rows.enqueue(id, email, at);
    }

    @Override
    public Optional<Row> find(OrderId order, EmailKind kind) {
        return rows.find(order, kind);
    }

    @Override
    public List<Row> claimDue(Instant now, Instant leaseUntil, int limit) {
        return rows.claimDue(now, leaseUntil, limit);
    }

    @Override
    public void unclaim(List<UUID> ids) {
        rows.unclaim(ids);
    }

    @Override
    public void markSent(UUID id, Instant at) {
        rows.markSent(id, at);
    }

    @Override
    public void markFailed(UUID id, String error, @Nullable Instant retryAt) {
        rows.markFailed(id, error, retryAt);
    }

    @Override
    public Answer requeueFailed(AdminRequest request, List<UUID> only) {
        return rows.requeueFailed(request, only);
    }

    @Override
    public Answer purgeBefore(AdminRequest request, Instant cutoff) {
        return rows.purgeBefore(request, cutoff);
    }

    @Override
    public int purgeBefore(Instant cutoff) {
        return rows.purgeBefore(cutoff);
    }
}
