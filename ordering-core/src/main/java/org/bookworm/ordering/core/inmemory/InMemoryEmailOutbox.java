package org.bookworm.ordering.core.inmemory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.EmailCommand;
import org.bookworm.ordering.core.notification.EmailDecider;
import org.bookworm.ordering.core.notification.EmailEvent;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.notification.EmailOutbox;
import org.bookworm.ordering.core.notification.EmailRow;
import org.bookworm.ordering.core.notification.EmailState;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * The e-mail outbox in a map behind one lock. Each row follows {@link EmailDecider}: an update folds the row into its
 * state, decides and stores the result; a refused command leaves the row alone, as the port asks. Admin requests are
 * kept by (scope, key) with their answer. A claim names the process that made it (ADR 0039): this outbox's own, which
 * lives as long as the outbox, or one made by {@link #newProcess()}, which a test ends to play its death.
 */
public final class InMemoryEmailOutbox implements EmailOutbox {
    private static final EmailDecider DECIDER = new EmailDecider();
    private static final long OWN_PROCESS = 0;

    private record Stored(Answer answer, Instant at) {}

    private final Map<UUID, Row> rows = new LinkedHashMap<>();
    private final Map<List<String>, Stored> requests = new HashMap<>();
    /** The process holding each claimed row's claim. */
    private final Map<UUID, Long> claimOwners = new HashMap<>();

    private final Set<Long> liveOwners = new HashSet<>(Set.of(OWN_PROCESS));
    private long nextOwner = OWN_PROCESS + 1;

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
    public List<Row> claimDue(Instant now, Instant leaseUntil, int limit) {
        return claimDueFor(OWN_PROCESS, now, leaseUntil, limit);
    }

    @Override
    public void unclaim(List<UUID> ids) {
        unclaimFor(OWN_PROCESS, ids);
    }

    @Override
    public void markSent(UUID id, Instant at) {
        markSentFor(id, at);
    }

    @Override
    public void markFailed(UUID id, String error, @Nullable Instant retryAt) {
        markFailedFor(OWN_PROCESS, id, error, retryAt);
    }

    /**
     * Another process on these rows (ADR 0039): its claims hold while it lives, and this outbox's own claims, or
     * another process's, take them over at once when it is closed; once closed it claims nothing more.
     */
    public synchronized OtherProcess newProcess() {
        long owner = nextOwner++;
        liveOwners.add(owner);
        return new OtherProcess(owner);
    }

    /** One more process's view of the outbox: its claims are its own; everything else is the outbox's. */
    public final class OtherProcess implements EmailOutbox, AutoCloseable {
        private final long owner;

        private OtherProcess(long owner) {
            this.owner = owner;
        }

        @Override
        public boolean enqueue(UUID id, Email email, Instant at) {
            return InMemoryEmailOutbox.this.enqueue(id, email, at);
        }

        @Override
        public Optional<Row> find(OrderId order, EmailKind kind) {
            return InMemoryEmailOutbox.this.find(order, kind);
        }

        @Override
        public List<Row> claimDue(Instant now, Instant leaseUntil, int limit) {
            return claimDueFor(owner, now, leaseUntil, limit);
        }

        @Override
        public void unclaim(List<UUID> ids) {
            unclaimFor(owner, ids);
        }

        @Override
        public void markSent(UUID id, Instant at) {
            markSentFor(id, at);
        }

        @Override
        public void markFailed(UUID id, String error, @Nullable Instant retryAt) {
            markFailedFor(owner, id, error, retryAt);
        }

        @Override
        public Answer requeueFailed(AdminRequest request, List<UUID> only) {
            return InMemoryEmailOutbox.this.requeueFailed(request, only);
        }

        @Override
        public Answer purgeBefore(AdminRequest request, Instant cutoff) {
            return InMemoryEmailOutbox.this.purgeBefore(request, cutoff);
        }

        @Override
        public int purgeBefore(Instant cutoff) {
            return InMemoryEmailOutbox.this.purgeBefore(cutoff);
        }

        /** Ends this process as its death would: its claims may be taken over at once. */
        @Override
        public void close() {
            synchronized (InMemoryEmailOutbox.this) {
                liveOwners.remove(owner);
            }
        }
    }

    /**
     * Up to {@code limit} due rows, pending ones whose claim's process is gone included, taken in {@code owner}'s name,
     * the due longest ago first.
     */
    private synchronized List<Row> claimDueFor(long owner, Instant now, Instant leaseUntil, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a claim takes at least one row, not " + limit);
        }
        if (!liveOwners.contains(owner)) {
            throw new IllegalStateException("this process's claim owner has ended: it claims nothing more");
        }
        List<Row> due = rows.values().stream()
                .filter(row -> row.status() == Status.PENDING)
                .map(row -> ownerGone(row) ? unclaimed(row) : row)
                .filter(row -> factsOf(row).isDueAt(now))
                .sorted(Comparator.comparing(Row::nextAttemptAt).thenComparing(Row::createdAt))
                .limit(limit)
                .toList();
        var claimed = new ArrayList<Row>();
        for (Row row : due) {
            apply(new EmailCommand.Claim(row.id(), now, leaseUntil), stateOf(row));
            claimOwners.put(row.id(), owner);
            claimed.add(rows.get(row.id()));
        }
        return claimed;
    }

    /** Gives back {@code owner}'s claims of {@code ids}; another process's claim is left alone. */
    private synchronized void unclaimFor(long owner, List<UUID> ids) {
        for (UUID id : ids) {
            Long holder = claimOwners.get(id);
            if (holder != null && holder == owner && apply(new EmailCommand.Unclaim(id))) {
                claimOwners.remove(id);
            }
        }
    }

    private synchronized void markSentFor(UUID id, Instant at) {
        if (apply(new EmailCommand.MarkSent(id, at))) {
            claimOwners.remove(id);
        }
    }

    /** Recorded only under the claim's owner, or on a row nobody claims: a lost claim never ends its successor's. */
    private synchronized void markFailedFor(long owner, UUID id, String error, @Nullable Instant retryAt) {
        Long holder = claimOwners.get(id);
        if ((holder == null || holder == owner) && apply(new EmailCommand.MarkFailed(id, error, retryAt))) {
            claimOwners.remove(id);
        }
    }

    private boolean ownerGone(Row row) {
        Long holder = claimOwners.get(row.id());
        return row.claimedUntil() != null && holder != null && !liveOwners.contains(holder);
    }

    private static Row unclaimed(Row row) {
        return new Row(
                row.id(),
                row.email(),
                row.status(),
                row.attempts(),
                row.createdAt(),
                row.nextAttemptAt(),
                row.retryingSince(),
                null,
                row.sentAt(),
                row.lastError());
    }

    @Override
    public synchronized Answer requeueFailed(AdminRequest request, List<UUID> only) {
        return once(request, () -> {
            int requeued = 0;
            for (Row row : List.copyOf(rows.values())) {
                if ((only.isEmpty() || only.contains(row.id()))
                        && apply(new EmailCommand.Resend(row.id(), request.at()))) {
                    requeued++;
                }
            }
            return requeued;
        });
    }

    @Override
    public synchronized Answer purgeBefore(AdminRequest request, Instant cutoff) {
        return once(request, () -> purgeBefore(cutoff));
    }

    @Override
    public synchronized int purgeBefore(Instant cutoff) {
        requests.values().removeIf(stored -> stored.at().isBefore(cutoff));
        int deleted = 0;
        for (Row row : List.copyOf(rows.values())) {
            if (apply(new EmailCommand.CleanUp(row.id(), cutoff))) {
                deleted++;
            }
        }
        claimOwners.keySet().retainAll(rows.keySet());
        return deleted;
    }

    /** Every row, oldest first (tests and demos). */
    public synchronized List<Row> all() {
        return List.copyOf(rows.values());
    }

    private Answer once(AdminRequest request, IntSupplier work) {
        List<String> key = List.of(request.scope(), request.key());
        Stored stored = requests.get(key);
        if (stored == null) {
            stored = new Stored(new Answer(request.requestHash(), work.getAsInt()), request.at());
            requests.put(key, stored);
        }
        return stored.answer();
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
            case EmailState.Unsendable(EmailRow row) -> rows.put(row.id(), rowOf(row, Status.UNSENDABLE));
        }
        return true;
    }

    private static EmailRow factsOf(Row row) {
        return new EmailRow(
                row.id(),
                row.email(),
                row.attempts(),
                row.createdAt(),
                row.nextAttemptAt(),
                row.retryingSince(),
                row.claimedUntil(),
                row.sentAt(),
                row.lastError());
    }

    private static EmailState stateOf(Row row) {
        EmailRow facts = factsOf(row);
        return switch (row.status()) {
            case PENDING -> new EmailState.Pending(facts);
            case SENT -> new EmailState.Sent(facts);
            case DEAD -> new EmailState.Dead(facts);
            case UNSENDABLE -> new EmailState.Unsendable(facts);
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
                row.retryingSince(),
                row.claimedUntil(),
                row.sentAt(),
                row.lastError());
    }
}
