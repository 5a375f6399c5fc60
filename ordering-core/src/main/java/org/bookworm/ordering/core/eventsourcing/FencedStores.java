package org.bookworm.ordering.core.eventsourcing;

import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.Leases.Lease;

/**
 * A partition's checkpoint and held lanes, every write of them {@link Leases#fenced fenced} by the partition's lease:
 * once another owner claimed the partition, they throw {@link Leases.LeaseLost} and write nothing. Reads are not
 * fenced: reading changes nothing.
 */
final class FencedStores {
    private FencedStores() {}

    static Checkpoints checkpoints(Checkpoints checkpoints, Leases leases, Lease lease) {
        return new Checkpoints() {
            @Override
            public LogPosition load(String subscription) {
                return checkpoints.load(subscription);
            }

            @Override
            public void save(String subscription, LogPosition position) {
                leases.saveFenced(lease, checkpoints, subscription, position);
            }
        };
    }

    static DeadLetters deadLetters(DeadLetters held, Leases leases, Lease lease) {
        return new DeadLetters.Forwarding(held) {
            @Override
            public void hold(String subscription, RecordedEvent event, Hold hold) {
                leases.fenced(lease, () -> {
                    held.hold(subscription, event, hold);
                    return null;
                });
            }

            @Override
            public boolean update(String subscription, UUID lane, Hold hold) {
                return leases.fenced(lease, () -> held.update(subscription, lane, hold));
            }

            @Override
            public void release(String subscription, RecordedEvent event) {
                leases.fenced(lease, () -> {
                    held.release(subscription, event);
                    return null;
                });
            }

            @Override
            public int drop(String subscription, UUID lane) {
                return leases.fenced(lease, () -> held.drop(subscription, lane));
            }
        };
    }
}
