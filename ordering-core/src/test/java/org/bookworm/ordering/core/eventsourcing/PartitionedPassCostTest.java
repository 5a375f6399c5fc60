package org.bookworm.ordering.core.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.bookworm.ordering.core.contract.CountingEventLog;
import org.bookworm.ordering.core.inmemory.InMemoryCheckpoints;
import org.bookworm.ordering.core.inmemory.InMemoryDeadLetters;
import org.bookworm.ordering.core.inmemory.InMemoryLeases;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.testing.Shop;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * What a process's pass over its partitions costs the stores (issue 15, ADR 0034): one process holding all eight
 * partitions of a subscription must cost about what it costs holding the one partition of a subscription split in
 * one, in checkpoint loads and saves, held-lane loads, fenced writes and reads of the log, for the same events. Each
 * call of a port counts as one statement, as it is one on PostgreSQL.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class PartitionedPassCostTest {
    private final Shop shop = new Shop();
    private final InMemoryLeases leases = new InMemoryLeases(shop.clock);

    /** What the stores were asked for while a subscription drained. */
    record Cost(int reads, int checkpointLoads, int fencedSaves, int laneLoads, int fencedWrites) {}

    /**
     * Checkpoints kept beside the held lanes {@code lanes}, as PostgreSQL keeps both: a pass's load of both is one
     * call (one statement there, ADR 0050), not a checkpoint load and a held-lane load.
     */
    private static final class CountingCheckpoints implements Checkpoints {
        final Checkpoints checkpoints = new InMemoryCheckpoints();
        final AtomicInteger loads = new AtomicInteger();
        private final DeadLetters lanes;

        CountingCheckpoints(DeadLetters lanes) {
            this.lanes = lanes;
        }

        @Override
        public PassStart loadPass(List<String> keys, DeadLetters held, String subscription) {
            loads.incrementAndGet();
            return new PassStart(checkpoints.loadAll(keys), lanes.lanes(subscription));
        }

        @Override
        public LogPosition load(String subscription) {
            loads.incrementAndGet();
            return checkpoints.load(subscription);
        }

        @Override
        public Map<String, LogPosition> loadAll(List<String> subscriptions) {
            loads.incrementAndGet();
            return checkpoints.loadAll(subscriptions);
        }

        /** Not counted: a partition owner's saves are fenced, and counted as {@link Leases#saveFenced} calls. */
        @Override
        public void save(String subscription, LogPosition position) {
            checkpoints.save(subscription, position);
        }
    }

    private static final class CountingDeadLetters extends DeadLetters.Forwarding {
        final AtomicInteger laneLoads = new AtomicInteger();

        CountingDeadLetters() {
            super(new InMemoryDeadLetters());
        }

        /** The held lanes underneath, read without counting (by a store that keeps them with its checkpoints). */
        DeadLetters uncounted() {
            return held;
        }

        @Override
        public List<Lane> lanes(String subscription) {
            laneLoads.incrementAndGet();
            return held.lanes(subscription);
        }
    }

    /** The shared leases, counting the fenced writes and saves (each one statement on PostgreSQL). */
    private final class CountingLeases extends ForwardingLeases {
        final AtomicInteger fenced = new AtomicInteger();
        final AtomicInteger saves = new AtomicInteger();

        CountingLeases() {
            super(PartitionedPassCostTest.this.leases);
        }

        @Override
        public <T> T fenced(Lease lease, Supplier<T> write) {
            fenced.incrementAndGet();
            return super.fenced(lease, write);
        }

        @Override
        public void saveFenced(Lease lease, Checkpoints checkpoints, String subscription, LogPosition position) {
            saves.incrementAndGet();
            super.saveFenced(lease, checkpoints, subscription, position);
        }

        @Override
        public void saveFenced(Checkpoints checkpoints, List<FencedSave> saves) {
            this.saves.incrementAndGet();
            super.saveFenced(checkpoints, saves);
        }
    }

    /** Drains a subscription split into {@code partitions}, all held by one process, and answers what it cost. */
    private Cost drained(String name, int partitions, Map<UUID, Integer> handled) {
        var log = new CountingEventLog(shop.ordering.events);
        var deadLetters = new CountingDeadLetters();
        var checkpoints = new CountingCheckpoints(deadLetters.uncounted());
        var fencing = new CountingLeases();
        var keeper =
                new LeaseKeeper(fencing, "owner-of-" + name, new LeaseKeeper.Settings(partitions, ten), shop.clock);
        var whole = new Subscription(
                name,
                log,
                checkpoints,
                deadLetters,
                event -> handled.merge(event.eventId(), 1, Integer::sum),
                10,
                1,
                new Subscription.Retries(RetryBackoff.DEFAULT, shop.clock, () -> 0.0));
        var subscription =
                new PartitionedSubscription(whole, keeper, fencing, checkpoints, deadLetters, log, shop.clock);
        keeper.tick();
        assertThat(keeper.held(name)).hasSize(partitions);

        subscription.drain();

        return new Cost(
                log.readsBy(Thread.currentThread().getName()),
                checkpoints.loads.get(),
                fencing.saves.get(),
                deadLetters.laneLoads.get(),
                fencing.fenced.get());
    }

    private final Duration ten = Duration.ofSeconds(10);

    private List<OrderId> orders(int count) {
        var orders = new ArrayList<OrderId>();
        for (int i = 0; i < count; i++) {
            OrderId order = shop.placedByAlice();
            shop.ordering.orders.confirm(Shop.checkout, order);
            orders.add(order);
        }
        return orders;
    }

    @Test
    void eight_partitions_held_by_one_process_cost_what_one_partition_costs() {
        orders(24);
        var byOne = new java.util.concurrent.ConcurrentHashMap<UUID, Integer>();
        var byEight = new java.util.concurrent.ConcurrentHashMap<UUID, Integer>();

        Cost one = drained("one", 1, byOne);
        Cost eight = drained("eight", 8, byEight);

        assertThat(byEight).as("the same events, each once").isEqualTo(byOne);
        assertThat(byOne.values()).containsOnly(1);
        assertThat(one.reads()).as("one partition reads page by page").isGreaterThan(2);
        assertThat(eight).as("eight partitions against one (%s)", one).isEqualTo(one);
        // ADR 0050: each pass loads its checkpoints and held lanes in one call; nothing loads the lanes apart
        assertThat(one.laneLoads())
                .as("held-lane loads apart from a pass's load")
                .isZero();
        assertThat(one.checkpointLoads())
                .as("loads: one per pass (a read of the log), one more to save what drain passed over")
                .isBetween(one.reads(), one.reads() + 1);
    }
}
