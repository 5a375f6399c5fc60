package org.bookworm.ordering.core.eventsourcing;

import java.time.Duration;
import java.time.Instant;
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
     * Records that {@code subscription} is split into {@code count} partitions, or checks that it is: every process
     * must split it alike, or two of them would follow the same lane under different partitions.
     *
     * @throws PartitionCountMismatch when another count is recorded; nothing changes
     */
    void partitions(String subscription, int count);

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

    /** A partition's write was refused because another owner claimed it: the partition must stop, not retry. */
    final class LeaseLost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public LeaseLost(Lease lease) {
            super(lease.subscription() + " partition " + lease.partition() + ": lease of " + lease.owner()
                    + " with token " + lease.token() + " was taken over; its write is refused");
        }
    }

    /** A process split a subscription into another number of partitions than the one recorded. */
    final class PartitionCountMismatch extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public PartitionCountMismatch(String subscription, int recorded, int asked) {
            super(
                    subscription + " is split into " + recorded + " partitions, not " + asked
                            + ": every process must use the same --partitions (changing it needs every process stopped, ADR 0034)");
        }
    }
}
