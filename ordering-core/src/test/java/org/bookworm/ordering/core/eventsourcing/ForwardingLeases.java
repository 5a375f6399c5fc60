package org.bookworm.ordering.core.eventsourcing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Leases that pass every call on to {@code leases}; a test overrides the calls it counts or breaks. */
class ForwardingLeases implements Leases {
    protected final Leases leases;

    ForwardingLeases(Leases leases) {
        this.leases = leases;
    }

    @Override
    public int recordedPartitions(String subscription, int otherwise) {
        return leases.recordedPartitions(subscription, otherwise);
    }

    @Override
    public void partitions(String subscription, int count) {
        leases.partitions(subscription, count);
    }

    @Override
    public List<String> heartbeat(String subscription, String owner, Duration duration) {
        return leases.heartbeat(subscription, owner, duration);
    }

    @Override
    public Optional<Lease> claim(String subscription, int partition, String owner, Duration duration) {
        return leases.claim(subscription, partition, owner, duration);
    }

    @Override
    public Optional<Lease> renew(Lease lease, Duration duration) {
        return leases.renew(lease, duration);
    }

    @Override
    public void release(Lease lease) {
        leases.release(lease);
    }

    @Override
    public List<Lease> leases(String subscription) {
        return leases.leases(subscription);
    }

    @Override
    public <T> T fenced(Lease lease, Supplier<T> write) {
        return leases.fenced(lease, write);
    }

    @Override
    public void saveFenced(Lease lease, Checkpoints checkpoints, String subscription, LogPosition position) {
        leases.saveFenced(lease, checkpoints, subscription, position);
    }

    @Override
    public void saveFenced(Checkpoints checkpoints, List<FencedSave> saves) {
        leases.saveFenced(checkpoints, saves);
    }
}
