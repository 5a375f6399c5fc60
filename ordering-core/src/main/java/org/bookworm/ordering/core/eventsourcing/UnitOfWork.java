package org.bookworm.ordering.core.eventsourcing;

import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * Driven port: the transaction a subscription's batch runs in. Where a subscription's effects, its held lanes and its
 * checkpoint live in one store (a projection's rows in PostgreSQL), one unit holds them all, so they commit together
 * or not at all: a crash redoes the whole batch and no effect shows twice. Each attempt of the handler runs in a
 * nested scope that a failure undoes alone (on PostgreSQL the views it changed are put back in memory, and a savepoint
 * undoes what it wrote itself, ADR 0046), so the lane can be held and the batch go on. Where the effects live
 * elsewhere they are idempotent instead, and {@link #NONE} runs the work as it comes.
 */
public interface UnitOfWork {
    /** No transaction: each effect, hold and checkpoint is written on its own, as the store does it. */
    UnitOfWork NONE = new UnitOfWork() {
        @Override
        public int batch(String subscription, IntSupplier batch) {
            return batch.getAsInt();
        }

        @Override
        public void attempt(Runnable attempt) {
            attempt.run();
        }

        @Override
        public boolean isTransactional() {
            return false;
        }
    };

    /**
     * Runs one batch of {@code subscription} in one transaction and commits it; returns what {@code batch} returned,
     * or 0 without running it when another owner holds the subscription. A failure rolls the whole batch back.
     */
    int batch(String subscription, IntSupplier batch);

    /**
     * Runs one batch over several partitions of {@code subscription} (their checkpoint keys, {@code order-views#3}) in
     * one transaction and commits it: the pass of a process over the partitions it holds (ADR 0034's update of
     * 2026-12-07). {@code batch} is told the partitions it may run: those whose lock this unit got, as {@link #batch}
     * takes one partition's, so a partition whose batch another owner still runs (a paused one) holds up only itself.
     * The default runs the batch for all of them under the whole subscription's {@link #batch}.
     */
    default int batch(String subscription, List<String> partitions, ToIntFunction<List<String>> batch) {
        return batch(subscription, () -> batch.applyAsInt(partitions));
    }

    /** Runs one attempt of the handler inside the batch; a failure undoes this attempt's effects only, and is thrown. */
    void attempt(Runnable attempt);

    /** True when the batch is one transaction bound to the calling thread (so it runs one lane at a time). */
    boolean isTransactional();
}
