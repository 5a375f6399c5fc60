package org.bookworm.ordering.core.inmemory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.finance.SagaDeadlines;
import org.bookworm.ordering.core.ordering.OrderId;

/** Deadlines in a map behind one lock; a claim is a lease that {@link #complete} ends. */
public final class InMemorySagaDeadlines implements SagaDeadlines {
    private record Key(OrderId order, int step) {}

    private final Map<Key, Deadline> pending = new HashMap<>();
    private final Map<Key, Instant> leasedUntil = new HashMap<>();
    private final java.util.Set<Key> completed = new java.util.HashSet<>();

    /**
     * Writes into {@code deadlines} the deadline each appended saga request asks for, and completes every deadline of
     * a saga an appended event ends: given to {@link InMemoryEventStore#writeWithEachAppend}, the in-memory twin of
     * PostgreSQL doing both in the append's transaction (ADR 0026, ADR 0049).
     */
    public static Consumer<RecordedEvent> requestedIn(SagaDeadlines deadlines) {
        return recorded -> {
            Deadline.requestedBy(recorded.event())
                    .ifPresent(deadline -> deadlines.schedule(deadline.order(), deadline.step(), deadline.dueAt()));
            Deadline.endedBy(recorded.event()).ifPresent(deadlines::completeAll);
        };
    }

    @Override
    public synchronized void schedule(OrderId order, int step, Instant dueAt) {
        var key = new Key(order, step);
        if (!completed.contains(key)) {
            pending.putIfAbsent(key, new Deadline(order, step, dueAt));
        }
    }

    @Override
    public synchronized List<Deadline> claimDue(Instant now, int limit) {
        var claimed = new ArrayList<Deadline>();
        for (Deadline deadline : pending()) {
            var key = new Key(deadline.order(), deadline.step());
            Instant lease = leasedUntil.get(key);
            if (claimed.size() < limit && !deadline.dueAt().isAfter(now) && (lease == null || !lease.isAfter(now))) {
                leasedUntil.put(key, now.plus(LEASE));
                claimed.add(deadline);
            }
        }
        return claimed;
    }

    @Override
    public synchronized void complete(OrderId order, int step) {
        var key = new Key(order, step);
        pending.remove(key);
        leasedUntil.remove(key);
        completed.add(key);
    }

    @Override
    public synchronized void completeAll(OrderId order) {
        for (Deadline deadline : pending()) {
            if (deadline.order().equals(order)) {
                complete(order, deadline.step());
            }
        }
    }

    @Override
    public synchronized List<Deadline> pending() {
        return pending.values().stream()
                .sorted(Comparator.comparing(Deadline::dueAt))
                .toList();
    }
}
