package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.bookworm.ordering.core.port.StoreUnavailable;

/**
 * Application-level group commit: a few writer threads each take every append waiting in the queue and write them
 * with one call of {@code eventstore.append_batch} in autocommit, so many callers share one round trip and one commit
 * (one fsync) while each still gets its own answer. With one caller at a time an append goes out alone at once, so
 * group commit never adds a wait; with many, the writers' commits also share PostgreSQL's own WAL flushes.
 *
 * <p>Each batch is ordered by stream (stably, so one stream's appends keep their order): two writers that touch the
 * same streams then lock them in the same order and cannot deadlock. If the call fails as a whole (another writer took
 * a version after our check, say), each append of the batch is tried again alone to get its own answer; if the
 * outcome is unknown (the connection broke), every caller gets {@link StoreUnavailable} and may retry with the same
 * event ids, which is safe. After a commit that wrote events, readers are woken by {@link ReaderWakeUps}.
 */
final class GroupCommitter implements AutoCloseable {
    static final int MAX_BATCH = 64;
    private static final long ANSWER_TIMEOUT_SECONDS = 30;
    private static final Comparator<Pending> BY_STREAM = Comparator.<Pending, String>comparing(
                    p -> p.request().stream().type().prefix())
            .thenComparing(p -> p.request().stream().id());

    private record Pending(AppendRequest request, CompletableFuture<Long> answer) {}

    private final DataSource dataSource;
    private final AppendSql sql;
    private final ReaderWakeUps wakeUps;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean closed;

    GroupCommitter(DataSource dataSource, AppendSql sql, ReaderWakeUps wakeUps, int writerCount) {
        if (writerCount < 1) {
            throw new IllegalArgumentException("at least one group-commit writer");
        }
        this.dataSource = dataSource;
        this.sql = sql;
        this.wakeUps = wakeUps;
        for (int i = 0; i < writerCount; i++) {
            writers.add(Thread.ofPlatform()
                    .name("event-store-group-commit-" + i)
                    .daemon()
                    .start(this::run));
        }
    }

    /**
     * A writer per four pooled connections, one to four: enough to overlap round trips with commits on a small
     * machine, while leaving most of the pool to readers and projections.
     */
    static int writersFor(int poolSize) {
        return Math.max(1, Math.min(4, poolSize / 4));
    }

    /** Queues the append and waits for its own answer. */
    long append(AppendRequest request) {
        if (closed) {
            throw new StoreUnavailable("the event store is closed", new IllegalStateException("closed"));
        }
        var pending = new Pending(request, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            throw new StoreUnavailable("too many appends are waiting", new IllegalStateException("queue full"));
        }
        try {
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
            List<Pending> batch = new ArrayList<>();
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                batch.sort(BY_STREAM);
                commit(batch);
            } catch (InterruptedException interrupted) {
                failAll(batch, new StoreUnavailable("the event store is closing", interrupted));
                return;
            } catch (RuntimeException unexpected) {
                // A writer thread must survive anything, or later callers would wait for nothing.
                failAll(batch, unexpected);
            }
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
