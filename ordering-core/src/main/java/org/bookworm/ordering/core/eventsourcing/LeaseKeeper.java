package org.bookworm.ordering.core.eventsourcing;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.bookworm.ordering.core.eventsourcing.Leases.Lease;

/**
 * One process's share of the partitions of its subscriptions (ADR 0034). Each {@link #tick} (the heartbeat: every
 * third of the lease's duration) says this owner is alive, renews the leases it holds (dropping those it lost),
 * releases the ones above its fair share when more owners are alive ({@code ceil(partitions / live owners)}), and
 * claims free, released or lapsed partitions up to that share. So partitions spread evenly over the live owners, a new
 * owner gets its share within two heartbeats, and a dead owner's partitions move within the lease's duration plus one
 * heartbeat. A tick that fails (the database is down) changes nothing here: the leases lapse, the partitions stop
 * (their {@link PartitionedSubscription} skips a lapsed lease) and another owner claims them.
 *
 * <p>A tick makes a round trip per lease and subscription, which under load takes long enough to matter; the
 * subscriptions ask {@link #held} before every pass, so they read the leases without waiting for a tick (a JFR
 * profile under PlaceOrder load showed every subscription thread blocked behind the tick's monitor). Only the
 * calls that change the leases in the store ({@link #register}, {@link #tick}, {@link #releaseAll}) exclude each
 * other.
 */
public final class LeaseKeeper {
    private static final System.Logger LOG = System.getLogger(LeaseKeeper.class.getName());

    /**
     * How many partitions each subscription is split into, and how long a lease lasts unless renewed. With no count
     * ({@code partitions} empty) each subscription takes the count recorded for it, or {@value #NEW_PARTITIONS} when
     * none is recorded; with one, that count is recorded or checked, and another recorded count refuses the process.
     */
    public record Settings(OptionalInt partitions, Duration duration) {
        /** What a subscription with no recorded count is split into when no count is asked for. */
        public static final int NEW_PARTITIONS = 8;

        /**
         * No count asked (each subscription keeps its recorded count, a new one is split in {@value #NEW_PARTITIONS}),
         * leases of ten seconds renewed every three and a third. Eight partitions spread a subscription over up to
         * eight replicas and cost a process that holds them all no more than one (one pass, ADR 0034); a database
         * whose first process recorded another count keeps it, so an existing one starts as before.
         */
        public static final Settings DEFAULT = new Settings(OptionalInt.empty(), Duration.ofSeconds(10));

        public Settings {
            Objects.requireNonNull(partitions, "partitions");
            partitions.ifPresent(count -> new Partition(0, count)); // refuses a count out of range
            Objects.requireNonNull(duration, "lease duration");
            if (duration.compareTo(Duration.ofMillis(300)) < 0 || duration.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("a lease lasts between 300 ms and 10 minutes, not " + duration);
            }
        }

        /** Exactly {@code partitions} for every subscription: recorded by the first process, checked by the others. */
        public Settings(int partitions, Duration duration) {
            this(OptionalInt.of(partitions), duration);
        }

        /** How often the heartbeat renews: a third of the duration, so two missed renewals still keep the lease. */
        public Duration renewEvery() {
            return duration.dividedBy(3);
        }
    }

    private final Leases leases;
    private final String owner;
    private final Settings settings;
    private final InstantSource clock;
    /** By subscription, the leases held, by partition: read without the keeper's lock. */
    private final Map<String, ConcurrentSkipListMap<Integer, Lease>> held = new ConcurrentHashMap<>();
    /** By subscription, how many partitions it is split into, as registered. */
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    public LeaseKeeper(Leases leases, String owner, Settings settings, InstantSource clock) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String owner() {
        return owner;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Takes part in spreading {@code subscription}'s partitions, after recording their count or checking it (a count
     * asked for), or taking the recorded one (none asked; {@link Settings#NEW_PARTITIONS} recorded when none is).
     * Returns the count.
     *
     * @throws Leases.PartitionCountMismatch when another process split it otherwise than the count asked for
     */
    public synchronized int register(String subscription) {
        int count;
        if (settings.partitions().isPresent()) {
            count = settings.partitions().getAsInt();
            leases.partitions(subscription, count);
        } else {
            count = leases.recordedPartitions(subscription, Settings.NEW_PARTITIONS);
        }
        counts.put(subscription, count);
        held.putIfAbsent(subscription, new ConcurrentSkipListMap<>());
        return count;
    }

    /** How many partitions {@code subscription}, {@linkplain #register registered} here, is split into. */
    public int partitions(String subscription) {
        Integer count = counts.get(subscription);
        if (count == null) {
            throw new IllegalStateException(subscription + " is not registered with " + owner);
        }
        return count;
    }

    /**
     * One heartbeat: for each subscription, renew, release what is above the fair share, claim up to it. A
     * subscription whose calls fail (a claim waiting out its lock behind a row a frozen process holds, the store
     * briefly out of reach) does not keep the others from their beat: each is done in turn, and the first failure is
     * thrown once all were tried, with the others attached as suppressed.
     */
    public synchronized void tick() {
        RuntimeException failed = null;
        for (var subscription : held.entrySet()) {
            try {
                beat(subscription.getKey(), subscription.getValue());
            } catch (RuntimeException failure) {
                if (failed == null) {
                    failed = failure;
                } else {
                    failed.addSuppressed(failure);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * One subscription's beat: renew what this owner holds, release what is above its share, claim up to it. A lease
     * {@linkplain #lost lost} while its renewal was under way stays lost: the renewal replaces only the lease it
     * renewed.
     */
    private void beat(String name, ConcurrentSkipListMap<Integer, Lease> mine) {
        List<String> live = leases.heartbeat(name, owner, settings.duration());
        int count = counts.get(name);
        int share = Math.ceilDiv(count, Math.max(1, live.size()));
        for (Lease lease : List.copyOf(mine.values())) {
            leases.renew(lease, settings.duration())
                    .ifPresentOrElse(renewed -> mine.replace(lease.partition(), lease, renewed), () -> {
                        mine.remove(lease.partition(), lease);
                        LOG.log(Level.WARNING, () -> "lost " + describe(lease) + " to another owner");
                    });
        }
        var released = new ArrayList<Integer>();
        while (mine.size() > share) {
            Lease extra = mine.pollLastEntry().getValue();
            leases.release(extra);
            released.add(extra.partition());
        }
        var claimed = claimUpTo(name, count, mine, share);
        if (!released.isEmpty() || !claimed.isEmpty()) {
            LOG.log(
                    Level.INFO,
                    () -> name + ": " + owner + " claimed partitions " + claimed + ", released " + released + " ("
                            + live.size() + " live owners, share " + share + ")");
        }
    }

    /** Claims partitions nobody holds live until this owner holds its share; returns those it claimed. */
    private List<Integer> claimUpTo(
            String subscription, int count, ConcurrentSkipListMap<Integer, Lease> mine, int share) {
        var claimed = new ArrayList<Integer>();
        var now = clock.instant();
        var recorded = new TreeMap<Integer, Lease>();
        leases.leases(subscription).forEach(lease -> recorded.put(lease.partition(), lease));
        for (int partition = 0; partition < count && mine.size() < share; partition++) {
            Lease other = recorded.get(partition);
            if (mine.containsKey(partition) || (other != null && other.liveAt(now))) {
                continue;
            }
            leases.claim(subscription, partition, owner, settings.duration()).ifPresent(lease -> {
                mine.put(lease.partition(), lease);
                claimed.add(lease.partition());
            });
        }
        return claimed;
    }

    /** The leases this process holds of {@code subscription}, by partition (lapsed ones included: check the time). */
    public List<Lease> held(String subscription) {
        var mine = held.get(subscription);
        return mine == null ? List.of() : new ArrayList<>(mine.values());
    }

    /** A partition's write was fenced: the lease is gone, and the next tick may claim the partition again. */
    public void lost(Lease lease) {
        var mine = held.get(lease.subscription());
        if (mine != null) {
            mine.computeIfPresent(
                    lease.partition(), (partition, current) -> current.token() == lease.token() ? null : current);
        }
    }

    /** Gives every held partition up at once (a clean shutdown), so the others need not wait for them to lapse. */
    public synchronized void releaseAll() {
        for (var mine : held.values()) {
            for (Lease lease : mine.values()) {
                try {
                    leases.release(lease);
                } catch (RuntimeException failed) {
                    LOG.log(Level.WARNING, () -> "could not release " + describe(lease) + ": " + failed);
                }
            }
            mine.clear();
        }
    }

    private static String describe(Lease lease) {
        return lease.subscription() + " partition " + lease.partition() + " (token " + lease.token() + ")";
    }
}
