package org.bookworm.ordering.core.finance;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bookworm.ordering.core.ordering.OrderId;

/** Saga deadlines that count how often each (order, step) is written and each saga's deadlines are removed. */
final class CountingSagaDeadlines implements SagaDeadlines {
    record Key(OrderId order, int step) {}

    private final SagaDeadlines deadlines;
    private final Map<Key, Integer> writes = new HashMap<>();
    private final Map<Key, Integer> completions = new HashMap<>();
    private final Map<OrderId, Integer> completeAlls = new HashMap<>();

    CountingSagaDeadlines(SagaDeadlines deadlines) {
        this.deadlines = deadlines;
    }

    Map<Key, Integer> writes() {
        return Map.copyOf(writes);
    }

    Map<Key, Integer> completions() {
        return Map.copyOf(completions);
    }

    Map<OrderId, Integer> completeAlls() {
        return Map.copyOf(completeAlls);
    }

    @Override
    public void schedule(OrderId order, int step, Instant dueAt) {
        writes.merge(new Key(order, step), 1, Integer::sum);
        deadlines.schedule(order, step, dueAt);
    }

    @Override
    public List<Deadline> claimDue(Instant now, int limit) {
        return deadlines.claimDue(now, limit);
    }

    @Override
    public void complete(OrderId order, int step) {
        completions.merge(new Key(order, step), 1, Integer::sum);
        deadlines.complete(order, step);
    }

    @Override
    public void completeAll(OrderId order) {
        completeAlls.merge(order, 1, Integer::sum);
        deadlines.completeAll(order);
    }

    @Override
    public List<Deadline> pending() {
        return deadlines.pending();
    }
}
