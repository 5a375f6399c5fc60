package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Application-level group commit: appends are written by at most {@code writerCount} commits at a time, each one call
 * of {@code eventstore.append_batch} in autocommit carrying every append waiting in the queue, so many callers share
 * one round trip and one commit (one fsync) while each still gets its own answer; concurrent commits also share
 * PostgreSQL's own WAL flushes.
 *
 * <p>A caller that finds a commit slot free writes its own append (with whatever is queued) on its own thread, so with
 * few callers group commit adds neither a wait nor a thread hand-off. A caller that finds every slot busy queues its
 * append; writer threads take the queue as slots free up, so a queued append never waits for another caller.
 *
 * <p>Each batch is ordered by stream (stably, so one stream's appends keep their order): two writers that touch the
 * same streams then lock them in the same order and cannot deadlock. If the call fails as a whole (another writer took
 * a version after our check, say), each append of the batch is tried again alone to get its own answer; if the
 * outcome is unknown (the connection broke), every caller gets {@link StoreUnavailable} and may retry with the same
 * event ids, which is safe. After a commit that wrote events, readers are woken by {@link ReaderWakeUps} (ADR 0054).
 */
final class GroupCommitter implements AutoCloseable {
    static final int MAX_BATCH = 64;
    /**
     * Appends of this many events or more are committed alone, in their own transaction, never queued for a slot:
     * they amortise their commit by themselves, and waiting for one of two slots only limits how many run at once.
     * Batches of 10 and 100 events by 4 writers appended 9,220 and 26,690 events/s one transaction each against 6,800
     * and 21,469 through the slots (quick mode, 4 rounds, same run, shared machine; issue 14).
     */
    static final int ALONE_FROM = 10;

    private static final long ANSWER_TIMEOUT_SECONDS = 30;
    private static final Comparator<Pending> BY_STREAM = Comparator.<Pending, String>comparing(
                    p -> p.request().stream().type().prefix())
            .thenComparing(p -> p.request().stream().id());

    private record Pending(AppendRequest request, CompletableFuture<Long> answer) {}

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);

    private final DataSource dataSource;
    private final AppendSql sql;
    private final ReaderWakeUps wakeUps;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
    private final Semaphore slots;
    private final List<Thread> writers = new ArrayList<>();
    private volatile GroupCommitListener listener = GroupCommitListener.NONE;
    private volatile boolean closed;

    GroupCommitter(DataSource dataSource, AppendSql sql, ReaderWakeUps wakeUps, int writerCount) {
        if (writerCount < 1) {
            throw new IllegalArgumentException("at least one group-commit writer");
        }
        this.dataSource = dataSource;
        this.sql = sql;
        this.wakeUps = wakeUps;
        this.slots = new Semaphore(writerCount, true);
        for (int i = 0; i < writerCount; i++) {
            writers.add(Thread.ofPlatform()
                    .name("event-store-group-commit-" + i)
                    .daemon()
                    .start(this::run));
        }
    }

    /**
     * Two commits at a time from a pool of 8 or more, else one. Fewer concurrent commits make bigger batches: on two
     * cores, 16 writers appended 13,930/s with one slot, 13,419/s with two and 11,700/s with four (an interleaved probe
     * on a loaded machine, 20:15 UTC); two keep a second round trip going while one commit waits for its fsync.
     */
    static int writersFor(int poolSize) {
        return poolSize >= 8 ? 2 : 1;
    }

    /** Tells {@code heard} of every commit from now on, instead of whoever heard before. */
    void listen(GroupCommitListener heard) {
        this.listener = Objects.requireNonNull(heard, "group-commit listener");
    }

    /** Queues the append and waits for its own answer. */
    long append(AppendRequest request) {
        if (closed) {
            throw new StoreUnavailable("the event store is closed", new IllegalStateException("closed"));
        }
        var pending = new Pending(request, new CompletableFuture<>());
        try {
            // tryAcquire with a timeout, unlike tryAcquire(), lets writer threads already waiting for a slot go first.
            if (slots.tryAcquire(0, TimeUnit.SECONDS)) {
                try {
                    lead(pending);
                } finally {
                    slots.release();
                }
            } else if (!queue.offer(pending)) {
                throw new StoreUnavailable("too many appends are waiting", new IllegalStateException("queue full"));
            }
            return pending.answer().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailable("interrupted while appending; the outcome is unknown", interrupted);
        } catch (TimeoutException slow) {
            throw new StoreUnavailable("no answer from the group commit; the outcome is unknown", slow);
        }
    }

    private void run() {
        while (!closed) {
            Pending first;
            try {
                first = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                return;
            }
            if (first == null) {
                continue;
            }
            try {
                slots.acquire();
            } catch (InterruptedException interrupted) {
                failAll(List.of(first), new StoreUnavailable("the event store is closing", interrupted));
                return;
            }
            try {
                lead(first);
            } finally {
                slots.release();
            }
        }
    }

    /** Commits {@code first} with whatever is queued; every append taken gets its answer, whatever happens. */
    private void lead(Pending first) {
        List<Pending> batch = new ArrayList<>();
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        batch.sort(BY_STREAM);
        long started = System.nanoTime();
        try {
            commit(batch);
        } catch (RuntimeException unexpected) {
            // No append may be left without an answer, or its caller would wait for nothing.
            failAll(batch, unexpected);
        }
        heard(batch.size(), Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Tells the listener; a listener that fails is logged, never the leading caller's answer (its append committed).
     */
    private void heard(int appends, Duration took) {
        try {
            listener.committed(appends, took);
        } catch (RuntimeException broken) {
            LOG.warn("the group-commit listener failed; the commit stands", broken);
        }
    }

    private void commit(List<Pending> batch) {
        if (batch.size() == 1) {
            commitAlone(batch.get(0));
            return;
        }
        List<Object> answers;
        try (Connection c = dataSource.getConnection()) {
            answers = sql.appendAll(c, batch.stream().map(Pending::request).toList());
        } catch (SQLException failed) {
            if (SqlErrors.isConnectionLost(failed)) {
                failAll(batch, SqlErrors.translate("append", failed));
            } else {
                batch.forEach(this::commitAlone);
            }
            return;
        }
        wakeReadersIfWritten(batch, answers);
        for (int i = 0; i < batch.size(); i++) {
            complete(batch.get(i), answers.get(i));
        }
    }

    private void commitAlone(Pending pending) {
        Object answer;
        try (Connection c = dataSource.getConnection()) {
            answer = sql.append(c, pending.request());
        } catch (SQLException failed) {
            answer = SqlErrors.translate("append to " + pending.request().stream(), failed);
        } catch (RuntimeException refused) {
            answer = refused;
        }
        wakeReadersIfWritten(List.of(pending), List.of(answer));
        complete(pending, answer);
    }

    private void wakeReadersIfWritten(List<Pending> batch, List<Object> answers) {
        for (int i = 0; i < batch.size(); i++) {
            if (answers.get(i) instanceof Long
                    && !batch.get(i).request().events().isEmpty()) {
                wakeUps.committed();
                return;
            }
        }
    }

    private static void complete(Pending pending, Object result) {
        if (result instanceof Long version) {
            pending.answer().complete(version);
        } else {
            pending.answer().completeExceptionally((RuntimeException) result);
        }
    }

    private static void failAll(List<Pending> batch, RuntimeException failure) {
        batch.forEach(pending -> pending.answer().completeExceptionally(failure));
    }

    @Override
    public void close() {
        closed = true;
        writers.forEach(Thread::interrupt);
        for (Thread writer : writers) {
            try {
                writer.join(5_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        var left = new ArrayList<Pending>();
        queue.drainTo(left);
        failAll(left, new StoreUnavailable("the event store closed", new IllegalStateException("closed")));
    }
}
