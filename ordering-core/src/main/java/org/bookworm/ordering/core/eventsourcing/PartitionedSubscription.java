package org.bookworm.ordering.core.eventsourcing;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bookworm.ordering.core.eventsourcing.Leases.Lease;
import org.bookworm.ordering.core.eventsourcing.Leases.LeaseLost;
import org.jspecify.annotations.Nullable;

/**
 * A subscription run partition by partition, only the partitions this process holds a live lease of (ADR 0034). Each
 * partition is the subscription {@linkplain Subscription#partition restricted to its lanes}, its checkpoint and held
 * lanes written through {@linkplain Leases#fenced the lease}. A write refused because another owner claimed the
 * partition ({@link LeaseLost}) stops that partition at once, without a retry: the batch's transaction rolls back (a
 * projection's rows with it) and the {@link LeaseKeeper} forgets the lease; a reactor's effects of that batch are
 * idempotent appends, so the new owner repeating them changes nothing. A lease that lapsed on this process's clock is
 * not run either, whether or not another owner claimed it yet.
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
    /** The partitions run so far, by partition: the lease each runs under, and its subscription. */
    private final Map<Integer, Running> running = new HashMap<>();

    private record Running(Lease lease, Subscription subscription) {}

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
        keeper.register(whole.name());
    }

    public String name() {
        return whole.name();
    }

    /**
     * The whole subscription as an operator sees it: where all of it has got to (its earliest partition's checkpoint,
     * a partition without one standing at the subscription's), and every partition's held lanes.
     */
    public SubscriptionStatus status() {
        int count = keeper.settings().partitions();
        LogPosition earliest = null;
        for (int index = 0; index < count; index++) {
            LogPosition position = whole.partition(new Partition(index, count), checkpoints, deadLetters)
                    .position();
            earliest = earliest == null || earliest.isAfter(position) ? position : earliest;
        }
        return SubscriptionStatus.of(name(), earliest, deadLetters.lanes(name()));
    }

    /** One pump of every partition held live; returns how many new events they read (0: caught up, or none held). */
    public synchronized int pump() {
        int read = 0;
        for (Running partition : live()) {
            if (!partition.lease().liveAt(clock.instant())) {
                continue; // lapsed while the others ran (a pause): another owner may hold it already
            }
            try {
                read += partition.subscription().pump();
            } catch (LeaseLost lost) {
                fenced(partition, lost);
            }
        }
        return read;
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
        for (Running partition : live()) {
            if (!partition.lease().liveAt(clock.instant())) {
                continue;
            }
            try {
                partition.subscription().savePassedOver();
            } catch (LeaseLost lost) {
                fenced(partition, lost);
            }
        }
    }

    /**
     * Keeps the held partitions current until the calling thread is interrupted, as {@link Subscription#follow} does
     * for one: catches each up, then waits for events its handler handles after the earliest of where they ended (at
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
        LogPosition earliest = null;
        for (Running partition : live()) {
            if (!partition.lease().liveAt(clock.instant())) {
                continue;
            }
            try {
                LogPosition end = partition.subscription().catchUp();
                earliest = earliest == null || earliest.isAfter(end) ? end : earliest;
            } catch (LeaseLost lost) {
                fenced(partition, lost);
            }
        }
        return earliest;
    }

    /** The partitions whose lease this process holds and has not seen lapse, each under its current lease. */
    private List<Running> live() {
        Instant now = clock.instant();
        Map<Integer, Lease> held = new HashMap<>();
        for (Lease lease : keeper.held(name())) {
            if (lease.liveAt(now)) {
                held.put(lease.partition(), lease);
            }
        }
        running.keySet().retainAll(held.keySet());
        return held.values().stream()
                .sorted((one, other) -> Integer.compare(one.partition(), other.partition()))
                .map(lease -> running.compute(
                        lease.partition(),
                        (partition, was) -> was != null && was.lease().token() == lease.token()
                                ? new Running(lease, was.subscription())
                                : new Running(lease, start(lease))))
                .toList();
    }

    private Subscription start(Lease lease) {
        return whole.partition(
                new Partition(lease.partition(), keeper.settings().partitions()),
                FencedStores.checkpoints(checkpoints, leases, lease),
                FencedStores.deadLetters(deadLetters, leases, lease));
    }

    private void fenced(Running partition, LeaseLost lost) {
        LOG.log(
                Level.WARNING,
                () -> name() + " stops partition " + partition.lease().partition() + ": " + lost.getMessage());
        keeper.lost(partition.lease());
        running.remove(partition.lease().partition());
    }
}
