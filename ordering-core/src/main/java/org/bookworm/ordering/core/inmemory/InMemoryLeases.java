package org.bookworm.ordering.core.inmemory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.Leases;

/**
 * Leases in maps under one lock: a claim, a renewal and a fenced write never interleave, which is what PostgreSQL's
 * row lock gives {@code PostgresLeases}. Time comes from the clock handed in.
 */
public final class InMemoryLeases implements Leases {
    private record Key(String subscription, int partition) {}

    private record OwnerKey(String subscription, String owner) {}

    private final InstantSource clock;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<OwnerKey, Instant> owners = new HashMap<>();
    private final Map<Key, Lease> leases = new HashMap<>();

    public InMemoryLeases(InstantSource clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized int recordedPartitions(String subscription, int otherwise) {
        return counts.computeIfAbsent(subscription, absent -> otherwise);
    }

    @Override
    public synchronized List<String> heartbeat(String subscription, String owner, Duration duration) {
        Instant now = clock.instant();
        owners.put(new OwnerKey(subscription, owner), now.plus(duration));
        owners.values().removeIf(expiry -> !expiry.isAfter(now));
        return owners.keySet().stream()
                .filter(key -> key.subscription().equals(subscription))
                .map(OwnerKey::owner)
                .sorted()
                .toList();
    }

    @Override
    public synchronized Optional<Lease> claim(String subscription, int partition, String owner, Duration duration) {
        Instant now = clock.instant();
        var key = new Key(subscription, partition);
        Lease held = leases.get(key);
        long token;
        if (held == null) {
            token = 1;
        } else if (held.liveAt(now)) {
            if (!held.owner().equals(owner)) {
                return Optional.empty();
            }
            token = held.token();
        } else {
            token = held.token() + 1;
        }
        var lease = new Lease(subscription, partition, owner, token, now.plus(duration));
        leases.put(key, lease);
        return Optional.of(lease);
    }

    @Override
    public synchronized Optional<Lease> renew(Lease lease, Duration duration) {
        if (!current(lease)) {
            return Optional.empty();
        }
        var renewed = new Lease(
                lease.subscription(),
                lease.partition(),
                lease.owner(),
                lease.token(),
                clock.instant().plus(duration));
        leases.put(new Key(lease.subscription(), lease.partition()), renewed);
        return Optional.of(renewed);
    }

    @Override
    public synchronized void release(Lease lease) {
        if (current(lease)) {
            leases.put(
                    new Key(lease.subscription(), lease.partition()),
                    new Lease(lease.subscription(), lease.partition(), lease.owner(), lease.token(), Instant.EPOCH));
        }
    }

    @Override
    public synchronized List<Lease> leases(String subscription) {
        var byPartition = new TreeMap<Integer, Lease>();
        leases.forEach((key, lease) -> {
            if (key.subscription().equals(subscription)) {
                byPartition.put(key.partition(), lease);
            }
        });
        return new ArrayList<>(byPartition.values());
    }

    @Override
    public synchronized <T> T fenced(Lease lease, Supplier<T> write) {
        if (!current(lease)) {
            throw new LeaseLost(lease);
        }
        return write.get();
    }

    /** The saves of several partitions under one lock, as PostgreSQL checks and saves them in one statement. */
    @Override
    public synchronized void saveFenced(Checkpoints checkpoints, List<FencedSave> saves) {
        Leases.super.saveFenced(checkpoints, saves);
    }

    private boolean current(Lease lease) {
        Lease recorded = leases.get(new Key(lease.subscription(), lease.partition()));
        return recorded != null
                && recorded.token() == lease.token()
                && recorded.owner().equals(lease.owner());
    }
}
