package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.bookworm.ordering.core.port.ConcurrencyConflict;
import org.bookworm.ordering.core.port.IdempotencyKeyTaken;
import org.bookworm.ordering.core.port.StoreUnavailable;

/**
 * Application-level group commit: one writer thread takes every append waiting in the queue and writes them in one
 * transaction, one SAVEPOINT per append, so many callers share one commit (one fsync) while each still gets its own
 * answer. A caller's conflict rolls back only its savepoint. If the shared transaction itself fails (deadlock with
 * another process, say), each append of the batch is tried again in a transaction of its own; if the commit's outcome
 * is unknown, every caller gets {@link StoreUnavailable} and may retry with the same event ids, which is safe.
 */
final class GroupCommitter implements AutoCloseable {
    static final int MAX_BATCH = 256;
    private static final long ANSWER_TIMEOUT_SECONDS = 30;

    private record Pending(AppendRequest request, CompletableFuture<Long> answer) {}

    private final DataSource dataSource;
    private final AppendSql sql;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(10_000);
    private final Thread writer;
    private volatile boolean closed;

    GroupCommitter(DataSource dataSource, AppendSql sql) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.writer =
                Thread.ofPlatform().name("event-store-group-commit").daemon().start(this::run);
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
                commit(batch);
            } catch (InterruptedException interrupted) {
                failAll(batch, new StoreUnavailable("the event store is closing", interrupted));
                return;
            } catch (RuntimeException unexpected) {
                // The writer thread must survive anything, or every later caller would wait for nothing.
                failAll(batch, unexpected);
            }
        }
    }

    private void commit(List<Pending> batch) {
        try {
            List<Object> results = writeTogether(batch);
            for (int i = 0; i < batch.size(); i++) {
                complete(batch.get(i), results.get(i));
            }
        } catch (SQLException failed) {
            if (batch.size() > 1 && !SqlErrors.isConnectionLost(failed)) {
                batch.forEach(one -> commit(List.of(one)));
            } else {
                failAll(batch, SqlErrors.translate("append", failed));
            }
        }
    }

    /** Each append's version, or the exception that is its answer. Throws when the transaction as a whole failed. */
    private List<Object> writeTogether(List<Pending> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                var results = new ArrayList<Object>(batch.size());
                boolean wrote = false;
                for (Pending pending : batch) {
                    Savepoint savepoint = c.setSavepoint();
                    try {
                        results.add(sql.append(c, pending.request()));
                        c.releaseSavepoint(savepoint);
                        wrote |= !pending.request().events().isEmpty();
                    } catch (ConcurrencyConflict
                            | IdempotencyKeyTaken
                            | IllegalStateException
                            | IllegalArgumentException answer) {
                        c.rollback(savepoint);
                        results.add(answer);
                    }
                }
                if (wrote) {
                    notifyReaders(c);
                }
                c.commit();
                return results;
            } catch (SQLException | RuntimeException failed) {
                rollbackQuietly(c);
                throw failed;
            }
        }
    }

    // Delivered only when the transaction commits: a wake-up for readers, never the data itself.
    static void notifyReaders(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("NOTIFY " + AppendSql.NOTIFY_CHANNEL);
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it discards the transaction anyway
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
        writer.interrupt();
        try {
            writer.join(5_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        var left = new ArrayList<Pending>();
        queue.drainTo(left);
        failAll(left, new StoreUnavailable("the event store closed", new IllegalStateException("closed")));
    }
}
