package org.bookworm.ordering.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;

/**
 * The buyers an open-loop offer takes its turns from, round-robin: arrival {@code i} is buyer {@code i mod size}'s
 * turn. A buyer whose previous turn is still under way (AddItem or PlaceOrder not yet answered) cannot start another:
 * {@link #claim} answers null and the driver counts the turn as held and skips it, a symptom of a server that answers
 * more slowly than the buyers come back.
 */
final class BuyerPool<B> {
    private static final long FREE = -1;

    private final List<B> buyers;
    // per buyer, the arrival whose turn is under way, or FREE
    private final AtomicLongArray turns;

    BuyerPool(List<B> buyers) {
        if (buyers.isEmpty()) {
            throw new IllegalArgumentException("a pool needs at least one buyer");
        }
        this.buyers = List.copyOf(buyers);
        long[] free = new long[buyers.size()];
        Arrays.fill(free, FREE);
        this.turns = new AtomicLongArray(free);
    }

    int size() {
        return buyers.size();
    }

    /** The buyer whose turn arrival {@code arrival} is, now busy with it; null if their previous turn is under way. */
    @Nullable
    B claim(long arrival) {
        int index = index(arrival);
        return arrival >= 0 && turns.compareAndSet(index, FREE, arrival) ? buyers.get(index) : null;
    }

    /** Ends the turn that {@link #claim} began for {@code arrival}; the buyer may take the next one. */
    void release(long arrival) {
        if (!turns.compareAndSet(index(arrival), arrival, FREE)) {
            throw new IllegalStateException("arrival " + arrival + " did not hold its buyer");
        }
    }

    private int index(long arrival) {
        return (int) Math.floorMod(arrival, (long) buyers.size());
    }
}
