package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.UnitOfWork;
import org.jspecify.annotations.Nullable;

/**
 * The unit of work of a rebuild's batches (ADR 0032, fifth pass): each batch is still one transaction that commits its
 * shadow rows with the rebuild's checkpoint, and the batches commit one after the other, in log order; but a batch's
 * write and commit run on a thread of their own while the next batch is read, decoded and folded.
 *
 * <p>A batch is <em>staged</em> on the calling thread, in a transaction of its own: it loads where it goes on from,
 * reads its page and its views and folds its events into them in memory, as in a {@link PostgresUnitOfWork}. It is
 * then handed to the committer thread, which takes the rebuild's lock, moves the checkpoint ({@link
 * RebuildCheckpoints#write}: only if it is still where the batch went on from), writes the views and commits. The
 * next batch is staged meanwhile and sees what the one in flight has not committed yet through memory: where the
 * checkpoint got to ({@link RebuildCheckpoints}) and the views it changed, taken as stored ({@link
 * ViewBatch#stage}). Whatever it reads from the tables, the batches before those committed: each batch is handed on
 * only after the one before it has committed.
 *
 * <p>So at most one batch commits while the next is staged. {@code committed} is told the events committed so far
 * before each batch is handed on, and once more at the {@link #finish}. A failed commit, or a {@code committed} that
 * throws, rolls back the batch staged meanwhile and is thrown: nothing after the last committed batch commits, and
 * the rebuild resumes from that batch's checkpoint. A batch that held, retried or dropped events commits before the
 * next is staged, which must see its held lanes. A batch nested in a transaction already bound to the thread (the
 * swap's tail) runs as {@code nested} runs it.
 */
final class RebuildPipeline implements UnitOfWork, AutoCloseable {
    /** A batch handed to the committer: its commit, its events, and whether it changed held lanes. */
    private record InFlight(Future<?> commit, int events, boolean heldLanes) {}

    private final DataSource dataSource;
    private final PostgresUnitOfWork nested;
    private final RebuildCheckpoints checkpoints;
    private final LongConsumer committed;
    private final ExecutorService committer = Executors.newSingleThreadExecutor(task -> {
        var thread = new Thread(task, "rebuild-commit");
        thread.setDaemon(true);
        return thread;
    });
    private Map<ViewTable, StagedViews.Known<?, ?>> carried = Map.of();
    private @Nullable InFlight inFlight;
    private long committedEvents;
    private boolean heldLanesChanged;

    RebuildPipeline(
            DataSource dataSource, PostgresUnitOfWork nested, RebuildCheckpoints checkpoints, LongConsumer committed) {
        this.dataSource = dataSource;
        this.nested = nested;
        this.checkpoints = checkpoints;
        this.committed = committed;
    }

    @Override
    public int batch(String subscription, IntSupplier batch) {
        if (Jdbc.boundTo(dataSource) != null) {
            return nested.batch(subscription, batch); // the swap's tail: in the swap's transaction
        }
        if (inFlight != null && inFlight.heldLanes()) {
            awaitInFlight(); // the next batch loads the held lanes this one changed
        }
        Connection c = begin(subscription);
        ViewBatch.Staged staged;
        Map<String, RebuildCheckpoints.Move> moves;
        try {
            staged = stage(subscription, c, batch);
            moves = checkpoints.staged();
            awaitInFlight();
            committed.accept(committedEvents);
        } catch (RuntimeException failed) {
            checkpoints.staged();
            abandon(c, failed);
            throw failed;
        }
        carried = staged.views().carry();
        Future<?> commit = committer.submit(() -> commit(subscription, c, moves, staged.views()));
        inFlight = new InFlight(commit, staged.read(), heldLanesChanged);
        return staged.read();
    }

    private ViewBatch.Staged stage(String subscription, Connection c, IntSupplier batch) {
        heldLanesChanged = false;
        checkpoints.staging();
        try {
            return Jdbc.bound(dataSource, c, bound -> ViewBatch.stage(dataSource, bound, carried, batch));
        } catch (SQLException failed) {
            throw SqlErrors.translate("run subscription " + subscription, failed);
        }
    }

    /** On the committer: the batch's lock, checkpoint, views and commit, or its rollback. */
    private Void commit(
            String subscription, Connection c, Map<String, RebuildCheckpoints.Move> moves, ViewBatch views) {
        try (c) {
            try {
                PostgresUnitOfWork.lock(c, subscription);
                RebuildCheckpoints.write(c, moves);
                views.write();
                c.commit();
                return null;
            } catch (SQLException | RuntimeException failed) {
                c.rollback();
                throw failed;
            }
        } catch (SQLException failed) {
            throw SqlErrors.translate("commit a batch of " + subscription, failed);
        }
    }

    /** Waits for the batch in flight to commit and counts its events; throws its failure. */
    private void awaitInFlight() {
        InFlight pending = inFlight;
        if (pending == null) {
            return;
        }
        try {
            pending.commit().get();
        } catch (ExecutionException failed) {
            inFlight = null;
            throw failed.getCause() instanceof RuntimeException cause
                    ? cause
                    : new IllegalStateException("a rebuild's batch failed to commit", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while a rebuild's batch committed", interrupted);
        }
        inFlight = null;
        committedEvents += pending.events();
    }

    /**
     * Waits for the last batch to commit and tells {@code committed}; from then on the tables say where the rebuild
     * is (the indexes and the swap read them).
     */
    void finish() {
        awaitInFlight();
        committed.accept(committedEvents);
        checkpoints.settled();
        carried = Map.of();
    }

    /** {@code held}, noting each change of a held lane, so the batch after it waits for its commit. */
    DeadLetters deadLetters(DeadLetters held) {
        return new DeadLetters.Forwarding(held) {
            @Override
            public void hold(String subscription, RecordedEvent event, Hold hold) {
                heldLanesChanged = true;
                super.hold(subscription, event, hold);
            }

            @Override
            public boolean update(String subscription, UUID lane, Hold hold) {
                heldLanesChanged = true;
                return super.update(subscription, lane, hold);
            }

            @Override
            public void release(String subscription, RecordedEvent event) {
                heldLanesChanged = true;
                super.release(subscription, event);
            }

            @Override
            public int drop(String subscription, UUID lane) {
                heldLanesChanged = true;
                return super.drop(subscription, lane);
            }
        };
    }

    @Override
    public void attempt(Runnable attempt) {
        nested.attempt(attempt);
    }

    @Override
    public boolean isTransactional() {
        return true;
    }

    private Connection begin(String subscription) {
        try {
            Connection c = dataSource.getConnection();
            try {
                c.setAutoCommit(false);
                return c;
            } catch (SQLException failed) {
                c.close();
                throw failed;
            }
        } catch (SQLException failed) {
            throw SqlErrors.translate("run subscription " + subscription, failed);
        }
    }

    private static void abandon(Connection c, RuntimeException failure) {
        try (c) {
            c.rollback();
        } catch (SQLException rollbackFailed) {
            failure.addSuppressed(rollbackFailed);
        }
    }

    /** Lets a batch still committing end (a rebuild that failed or was stopped), then stops the committer. */
    @Override
    public void close() {
        InFlight pending = inFlight;
        inFlight = null;
        if (pending != null) {
            try {
                pending.commit().get();
            } catch (ExecutionException | CancellationException ended) {
                // it failed or never ran: the rebuild already stopped with a failure of its own
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        committer.shutdown();
    }
}
