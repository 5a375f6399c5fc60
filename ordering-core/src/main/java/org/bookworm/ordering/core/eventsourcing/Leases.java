package org.bookworm.ordering.core.eventsourcing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Driven port: which process holds each partition of a subscription (ADR 0034). A lease names its owner, when it
 * expires unless renewed, and a fencing token: a number that rises every time the partition is claimed afresh (free,
 * released or expired), so an owner that was paused past its lease and wakes up holds a token that is no longer the
 * partition's. Every write a partition makes as its owner goes through {@link #fenced}, which checks the token in the
 * same transaction as the write: a stale token writes nothing and throws {@link LeaseLost}.
 *
 * <p>Expiry is judged on the clock of the process that asks (replicas keep their clocks in step, NTP); a clock that
 * drifts can only make a lease change hands early or late, never let two owners commit, because of the token. Every
 * implementation passes {@code LeasesContract}.
 */
public interface Leases {

    /** The lease of one partition: its owner, its fencing token, and when it lapses unless renewed. */
    record Lease(String subscription, int partition, String owner, long token, Instant expiresAt) {
        public Lease {
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(expiresAt, "expiry");
            if (partition < 0) {
                throw new IllegalArgumentException("a partition is numbered from 0, not " + partition);
            }
        }

        /** True while the lease has not lapsed at {@code now}. */
        public boolean liveAt(Instant now) {
            return expiresAt.isAfter(now);
        }
    }

    /**
     * How many partitions {@code subscription} is split into: the count recorded for it, or, when none is, {@code
     * otherwise}, recorded first. Recording and answering are one atomic step, so processes starting at once on a new
     * database all answer the one count that was recorded, whatever each of them would have recorded.
     */
    int recordedPartitions(String subscription, int otherwise);

    /**
     * Records that {@code subscription} is split into {@code count} partitions, or checks that it is: every process
     * must split it alike, or two of them would follow the same lane under different partitions.
     *
     * @throws PartitionCountMismatch when another count is recorded; nothing changes
     */
    default void partitions(String subscription, int count) {
        int recorded = recordedPartitions(subscription, count);
        if (recorded != count) {
            throw new PartitionCountMismatch(subscription, recorded, count);
        }
    }

    /**
     * Says that {@code owner} is alive and takes part in {@code subscription} for {@code duration} more, and returns
     * every owner of the subscription alive now, this one included, sorted: how many its partitions are spread over.
     * A process that does not follow a subscription never counts among its owners.
     */
    List<String> heartbeat(String subscription, String owner, Duration duration);

    /**
     * Claims a partition for {@code owner} for {@code duration}: when it was never claimed, was released, or lapsed,
     * with a token higher than any it had before; when {@code owner} holds it live already, renewed with its token.
     * Empty (and nothing changes) while another owner's lease is live.
     */
    Optional<Lease> claim(String subscription, int partition, String owner, Duration duration);

    /** Extends a lease that is still the partition's (same owner and token); empty, changing nothing, once lost. */
    Optional<Lease> renew(Lease lease, Duration duration);

    /**
     * Gives a partition up at once, so another owner may claim it without waiting for it to lapse. A lease that is no
     * longer the partition's changes nothing.
     */
    void release(Lease lease);

    /** The recorded lease of every partition of {@code subscription} that was ever claimed, lapsed ones included. */
    List<Lease> leases(String subscription);

    /**
     * Runs {@code write} only while {@code lease} is still the partition's, checked in one transaction with the write
     * (or, in memory, under one lock), so no new owner can claim the partition between the check and the commit.
     *
     * @throws LeaseLost when the partition's token is no longer the lease's: the write did not run, or was undone
     */
    <T> T fenced(Lease lease, Supplier<T> write);

    /**
     * Saves {@code position} as {@code subscription}'s checkpoint in {@code checkpoints}, {@link #fenced fenced} by
     * {@code lease}: a partition owner's save after each batch. A store that keeps both may check and save in one
     * statement; the default runs the save as a fenced write.
     *
     * @throws LeaseLost when the partition's token is no longer the lease's: nothing was saved
     */
    default void saveFenced(Lease lease, Checkpoints checkpoints, String subscription, LogPosition position) {
        fenced(lease, () -> {
            checkpoints.save(subscription, position);
            return null;
        });
    }

    /** One partition's checkpoint save in {@link #saveFenced(Checkpoints, List)}: under which lease, what, where. */
    record FencedSave(Lease lease, String subscription, LogPosition position) {
        public FencedSave {
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(position, "position");
        }
    }

    /**
     * Saves the checkpoints of several partitions of one subscription that one owner holds (its pass over them, ADR
     * 0034's update of 2026-12-07), each checked against its own lease's token as {@link #saveFenced(Lease,
     * Checkpoints, String, LogPosition)} checks one. A store that keeps both saves them all in one statement. A save
     * whose lease was taken over is refused alone: the others are saved (in the caller's transaction, when a batch
     * runs one, so a refusal thrown out of the batch rolls them back with it).
     *
     * @throws LeaseLost naming every lease whose save was refused, after the others were saved
     */
    default void saveFenced(Checkpoints checkpoints, List<FencedSave> saves) {
        var lost = new ArrayList<Lease>();
        for (FencedSave save : saves) {
            try {
                saveFenced(save.lease(), checkpoints, save.subscription(), save.position());
            } catch (LeaseLost refused) {
                lost.addAll(refused.leases());
            }
        }
        if (!lost.isEmpty()) {
            throw new LeaseLost(lost);
        }
    }

    /** A partition's write was refused because another owner claimed it: the partition must stop, not retry. */
    final class LeaseLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The leases refused: one for a single write, every refused one for a save of several partitions. */
        private final transient List<Lease> leases;

        public LeaseLost(Lease lease) {
            this(List.of(lease));
        }

        public LeaseLost(List<Lease> leases) {
            super(describe(leases));
            this.leases = List.copyOf(leases);
        }

        /** The leases that were taken over. */
        public List<Lease> leases() {
            return leases;
        }

        private static String describe(List<Lease> leases) {
            if (leases.isEmpty()) {
                throw new IllegalArgumentException("a refusal names at least one lease");
            }
            Lease first = leases.get(0);
            if (leases.size() == 1) {
                return first.subscription() + " partition " + first.partition() + ": lease of " + first.owner()
                        + " with token " + first.token() + " was taken over; its write is refused";
            }
            return first.subscription() + " partitions "
                    + leases.stream()
                            .map(lease -> lease.partition() + " (token " + lease.token() + ")")
                            .toList()
                    + ": leases of " + first.owner() + " were taken over; their saves are refused";
        }
    }

    /** A process split a subscription into another number of partitions than the one recorded. */
    final class PartitionCountMismatch extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public PartitionCountMismatch(String subscription, int recorded, int asked) {
            super(subscription + " is split into " + recorded + " partitions, not " + asked
                    + ": every process must use the same --partitions, or leave it out to take the recorded"
                    + " count (changing it needs every process stopped, ADR 0034)");
        }
    }
}
