package org.bookworm.ordering.core.eventsourcing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.bookworm.ordering.core.eventsourcing.Leases.FencedSave;
import org.bookworm.ordering.core.eventsourcing.Leases.Lease;

/**
 * The checkpoints and held lanes of the partitions an owner runs, every write of them {@link Leases#fenced fenced} by
 * the lease of the partition it belongs to: once another owner claimed that partition, it throws {@link
 * Leases.LeaseLost} and writes nothing. Reads are not fenced: reading changes nothing.
 */
final class FencedStores {
    private FencedStores() {}

    /** The fenced checkpoints and held lanes of one owner's partitions of a subscription, made together. */
    record Stores(Checkpoints checkpoints, DeadLetters deadLetters) {}

    /**
     * Checkpoints saved under the lease of their key's partition ({@code byKey}: {@code order-views#3} to partition
     * 3's lease), several saved at once in one fenced save ({@link Leases#saveFenced(Checkpoints, List)}), and held
     * lanes written under the lease of the partition each lane belongs to ({@code leaseOf}). A pass's load of both
     * ({@link Checkpoints#loadPass}) goes to the stores underneath together, so a store that keeps both reads them in
     * one statement (ADR 0050).
     */
    static Stores of(
            Checkpoints checkpoints,
            DeadLetters held,
            Leases leases,
            Map<String, Lease> byKey,
            Function<UUID, Lease> leaseOf) {
        DeadLetters fencedLanes = deadLetters(held, leases, leaseOf);
        return new Stores(checkpoints(checkpoints, held, fencedLanes, leases, byKey), fencedLanes);
    }

    private static Checkpoints checkpoints(
            Checkpoints checkpoints,
            DeadLetters held,
            DeadLetters fencedLanes,
            Leases leases,
            Map<String, Lease> byKey) {
        return new Checkpoints() {
            @Override
            public LogPosition load(String subscription) {
                return checkpoints.load(subscription);
            }

            @Override
            public Map<String, LogPosition> loadAll(List<String> subscriptions) {
                return checkpoints.loadAll(subscriptions);
            }

            @Override
            public PassStart loadPass(List<String> keys, DeadLetters lanes, String subscription) {
                // its sibling's reads are the held lanes' own (reads are not fenced): both go to the stores underneath
                return checkpoints.loadPass(keys, lanes == fencedLanes ? held : lanes, subscription);
            }

            @Override
            public void save(String subscription, LogPosition position) {
                leases.saveFenced(lease(subscription), checkpoints, subscription, position);
            }

            @Override
            public void saveAll(Map<String, LogPosition> positions) {
                var saves = new ArrayList<FencedSave>();
                positions.forEach((key, position) -> saves.add(new FencedSave(lease(key), key, position)));
                leases.saveFenced(checkpoints, saves);
            }

            private Lease lease(String key) {
                Lease lease = byKey.get(key);
                if (lease == null) {
                    // a partition owner saves only its partitions' checkpoints: anything else is a bug, not a refusal
                    throw new IllegalStateException("no lease is held for the checkpoint " + key);
                }
                return lease;
            }
        };
    }

    private static DeadLetters deadLetters(DeadLetters held, Leases leases, Function<UUID, Lease> leaseOf) {
        return new DeadLetters.Forwarding(held) {
            @Override
            public void hold(String subscription, RecordedEvent event, Hold hold) {
                leases.fenced(leaseOf.apply(event.stream().id()), () -> {
                    held.hold(subscription, event, hold);
                    return null;
                });
            }

            @Override
            public boolean update(String subscription, UUID lane, Hold hold) {
                return leases.fenced(leaseOf.apply(lane), () -> held.update(subscription, lane, hold));
            }

            @Override
            public void release(String subscription, RecordedEvent event) {
                leases.fenced(leaseOf.apply(event.stream().id()), () -> {
                    held.release(subscription, event);
                    return null;
                });
            }

            @Override
            public int drop(String subscription, UUID lane) {
                return leases.fenced(leaseOf.apply(lane), () -> held.drop(subscription, lane));
            }
        };
    }
}
