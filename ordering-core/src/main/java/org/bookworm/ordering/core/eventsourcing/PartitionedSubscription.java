package org.bookworm.ordering.core.eventsourcing;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import org.bookworm.ordering.core.eventsourcing.Leases.Lease;
import org.bookworm.ordering.core.eventsourcing.Leases.LeaseLost;
import org.jspecify.annotations.Nullable;

/**
 * A subscription run over the partitions this process holds a live lease of (ADR 0034), all of them in one pass
 * (ADR 0034's update of 2026-12-07): one {@linkplain Subscription#partitions subscription restricted to their lanes}
 * reads each page once, hands each event to its partition, loads their checkpoints together and saves them in one
 * fenced save, each checked against its own lease; held lanes are written through the lease of their partition. A
 * write refused because another owner claimed a partition ({@link LeaseLost}) stops that partition at once, without a
 * retry: the pass's transaction rolls back (a projection's rows with it), the {@link LeaseKeeper} forgets the lease,
 * and the partitions still held go on in the next pass; a reactor's effects of that pass are idempotent appends, so
 * repeating them changes nothing. A lease that lapsed on this process's clock is not run either, whether or not
 * another owner claimed it yet: it is checked before every event, so a pass stops, unsaved (a projection's rows roll
 * back), at the first event of a partition whose lease lapsed while it ran (a pause); the next pass leaves that
 * partition out until the keeper's heartbeat renews its lease (nobody took it) or forgets it.
 */
public final class PartitionedSubscription {
    private static final System.Logger LOG = System.getLogger(PartitionedSubscription.class.getName());

    private final Subscription whole;
    private final LeaseKeeper keeper;
    private final Leases leases;
    private final Checkpoints checkpoints;
    private final DeadLetters deadLetters;
    private final EventLog log;
    private final InstantSource clock;
    /** How many partitions the subscription is split into, as the keeper registered it. */
    private final int count;
    /** The partitions run now, under their leases, and the subscription over them; null while none is held. */
    private @Nullable Running running;
    /** The leases of the partitions run now, as last renewed, by partition: what the guard checks lapses against. */
    private volatile Map<Integer, Lease> current = Map.of();

    private record Running(Map<Integer, Long> tokens, Subscription subscription) {}

    /** A partition's lease lapsed on this process's clock while its pass ran: the pass stops, unsaved. */
    private static final class Lapsed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Lapsed(int partition) {
            super("partition " + partition + "'s lease lapsed", null, false, false);
        }
    }

    /**
     * {@code whole} split as {@code keeper} says, its checkpoints and held lanes kept in {@code checkpoints} and {@code
     * deadLetters} (the stores {@code whole} was built on) and fenced by {@code leases}; registers it with the keeper.
     */
    public PartitionedSubscription(
            Subscription whole,
            LeaseKeeper keeper,
            Leases leases,
            Checkpoints checkpoints,
            DeadLetters deadLetters,
            EventLog log,
            InstantSource clock) {
        this.whole = Objects.requireNonNull(whole, "subscription");
        this.keeper = Objects.requireNonNull(keeper, "lease keeper");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.deadLetters = Objects.requireNonNull(deadLetters, "dead letters");
        this.log = Objects.requireNonNull(log, "event log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.count = keeper.register(whole.name());
    }

    public String name() {
        return whole.name();
    }

    /**
     * The whole subscription as an operator sees it: where all of it has got to (its earliest partition's checkpoint,
     * a partition without one standing at the subscription's), and every partition's held lanes.
     */
    public SubscriptionStatus status() {
        LogPosition earliest = null;
        for (int index = 0; index < count; index++) {
            LogPosition position = whole.partition(new Partition(index, count), checkpoints, deadLetters)
                    .position();
            earliest = earliest == null || earliest.isAfter(position) ? position : earliest;
        }
        return SubscriptionStatus.of(name(), earliest, deadLetters.lanes(name()));
    }

    /** One pass over the partitions held live; returns how many new events it read (0: caught up, or none held). */
    public synchronized int pump() {
        Integer read = run(Subscription::pump);
        return read == null ? 0 : read;
    }

    /**
     * Pumps until every partition held is caught up, then saves where each looked through to (as {@link
     * Subscription#drain} does); returns how many new events they read.
     */
    public int drain() {
        int read = Subscription.drain(this::pump);
        savePassedOver();
        return read;
    }

    private synchronized void savePassedOver() {
        run(subscription -> {
            subscription.savePassedOver();
            return 0;
        });
    }

    /**
     * Keeps the held partitions current until the calling thread is interrupted, as {@link Subscription#follow} does
     * for one: catches them up, then waits for events its handler handles after the earliest of where they ended (at
     * most {@code maxWait}, which also bounds how late a newly claimed partition starts); a failure is logged and tried
     * again after {@code pause}.
     */
    public void follow(Duration maxWait, Duration pause) throws InterruptedException {
        Subscription.follow(name(), pause, () -> {
            LogPosition from = catchUp();
            if (from == null) {
                Thread.sleep(maxWait.toMillis()); // holds no partition now: look again after the next heartbeat
            } else {
                log.awaitEvents(from, maxWait, whole.filter());
            }
        });
    }

    private synchronized @Nullable LogPosition catchUp() {
        return run(Subscription::catchUp);
    }

    /**
     * Runs {@code work} on the subscription over the partitions held live; null when none is. A partition whose lease
     * was taken over or lapsed stops the pass; the work runs again over the partitions still held, until it completes
     * or none is left (each stop leaves one partition fewer).
     */
    private <T> @Nullable T run(Function<Subscription, T> work) {
        while (true) {
            Subscription subscription = live();
            if (subscription == null) {
                return null;
            }
            try {
                return work.apply(subscription);
            } catch (LeaseLost lost) {
                fenced(lost);
            } catch (Lapsed lapsed) {
                // the next pass leaves the lapsed leases out; the keeper's next heartbeat renews those nobody took
                // and forgets the others, as it does for a lease that lapsed between passes
                LOG.log(Level.WARNING, () -> name() + " stops a pass: " + lapsed.getMessage());
                running = null;
            }
        }
    }

    /**
     * The subscription over the partitions whose lease this process holds and has not seen lapse, made afresh when
     * they or their tokens changed; null when it holds none.
     */
    private @Nullable Subscription live() {
        Instant now = clock.instant();
        var held = new TreeMap<Integer, Lease>();
        for (Lease lease : keeper.held(name())) {
            if (lease.liveAt(now)) {
                held.put(lease.partition(), lease);
            }
        }
        current = Map.copyOf(held);
        if (held.isEmpty()) {
            running = null;
            return null;
        }
        var tokens = new TreeMap<Integer, Long>();
        held.forEach((partition, lease) -> tokens.put(partition, lease.token()));
        if (running == null || !running.tokens().equals(tokens)) {
            running = new Running(tokens, start(held));
        }
        return running.subscription();
    }

    private Subscription start(TreeMap<Integer, Lease> held) {
        var partitions = new ArrayList<Partition>();
        var byKey = new HashMap<String, Lease>();
        var byPartition = Map.copyOf(held);
        held.forEach((index, lease) -> {
            var partition = new Partition(index, count);
            partitions.add(partition);
            byKey.put(partition.key(name()), lease);
        });
        FencedStores.Stores fenced = FencedStores.of(
                checkpoints, deadLetters, leases, byKey, lane -> byPartition.get(Partition.of(lane, count)));
        return whole.partitions(partitions, fenced.checkpoints(), fenced.deadLetters(), lane -> {
            int partition = Partition.of(lane, count);
            Lease lease = current.get(partition);
            if (lease == null || !lease.liveAt(clock.instant())) {
                throw new Lapsed(partition);
            }
        });
    }

    private void fenced(LeaseLost lost) {
        LOG.log(Level.WARNING, () -> name() + " stops " + lost.getMessage());
        lost.leases().forEach(keeper::lost);
        running = null;
    }
}
