package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The batch a {@link PostgresUnitOfWork} runs on this thread, as the view adapters and the attempts see it (ADR 0046).
 * The order and buyer views join it: each table's views are read once per batch ({@link StagedViews}) and the changed
 * ones written in one statement when the batch's work returns, before its transaction commits with the checkpoint.
 *
 * <p>An attempt of the handler is undone in memory: the views it changed are put back. It needs a savepoint only when
 * it sends a statement of its own through the pool (a handler that writes rows itself): the first such statement of
 * an attempt sets one ({@link #beforeOwnStatement}), which a failure rolls back to and a success releases. A view's
 * read outside the batch's prefetch goes on the batch's connection without one; should it fail, the transaction is
 * aborted and the whole batch fails and comes again.
 *
 * <p>A batch whose one write of its views fails (a view the table refuses) fails whole: nothing of it commits. So
 * that such a view holds only its own lane, not the projection, the batch that comes next is <em>isolated</em>: each
 * attempt writes the views it changed at once, under a savepoint, so a refused write fails that attempt alone, which
 * its subscription retries or parks as for any failure. The batch after an isolated one that committed is staged again.
 */
final class ViewBatch {
    private static final ThreadLocal<@Nullable ViewBatch> CURRENT = new ThreadLocal<>();

    private final DataSource dataSource;
    private final Connection connection;
    private final Map<ViewTable, StagedViews<?, ?>> tables = new EnumMap<>(ViewTable.class);
    /** Each attempt writes its views at once, under a savepoint (see the class comment). */
    private final boolean isolated;

    private boolean attempting;
    private @Nullable Savepoint savepoint;

    private ViewBatch(DataSource dataSource, Connection connection, boolean isolated) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.isolated = isolated;
    }

    /**
     * Runs {@code batch} as this thread's view batch on {@code c}, then writes the views it changed; {@code isolated},
     * each attempt writes its own at once. {@code writeFailed} runs when the batch's one write fails, before the
     * failure is thrown: the caller isolates the next batch.
     */
    static int run(DataSource dataSource, Connection c, boolean isolated, IntSupplier batch, Runnable writeFailed)
            throws SQLException {
        ViewBatch outer = CURRENT.get();
        var views = new ViewBatch(dataSource, c, isolated);
        CURRENT.set(views);
        try {
            int read = batch.getAsInt();
            try {
                views.flushAll();
            } catch (SQLException | RuntimeException failed) {
                writeFailed.run();
                throw failed;
            }
            return read;
        } finally {
            CURRENT.set(outer);
        }
    }

    /** The batch running on this thread on {@code dataSource}, if one runs. */
    static @Nullable ViewBatch of(DataSource dataSource) {
        ViewBatch current = CURRENT.get();
        return current != null && current.dataSource == dataSource ? current : null;
    }

    /**
     * {@code table}'s views in the batch running on this thread on {@code dataSource}, staged through {@code adapter}
     * on the batch's connection (its reads go there directly, with no savepoint); null when no batch runs.
     */
    @SuppressWarnings("unchecked")
    static <K, V> @Nullable StagedViews<K, V> staged(
            DataSource dataSource, ViewTable table, StagedViews.Table<K, V> adapter) {
        ViewBatch batch = of(dataSource);
        return batch == null
                ? null
                : (StagedViews<K, V>)
                        batch.tables.computeIfAbsent(table, t -> new StagedViews<>(adapter, batch.connection));
    }

    /** Runs one attempt of the handler; a failure puts back the views it changed, and what it wrote itself. */
    void attempt(Runnable attempt) {
        tables.values().forEach(StagedViews::keepAttempt);
        attempting = true;
        try {
            attempt.run();
            if (isolated) {
                writeAttempt();
            }
        } catch (RuntimeException failure) {
            tables.values().forEach(StagedViews::undoAttempt);
            rollBackOwnStatements(failure);
            throw failure;
        } finally {
            attempting = false;
        }
        tables.values().forEach(StagedViews::keepAttempt);
        releaseSavepoint();
    }

    /** An isolated batch's attempt writes the views it changed now, under the attempt's savepoint. */
    private void writeAttempt() {
        if (tables.values().stream().noneMatch(StagedViews::hasChanges)) {
            return;
        }
        beforeOwnStatement(dataSource);
        try {
            flushAll();
        } catch (SQLException failed) {
            throw SqlErrors.translate("write the views of an attempt", failed);
        }
    }

    /** Writes every table's changed views, each table's in one statement. */
    private void flushAll() throws SQLException {
        for (StagedViews<?, ?> table : tables.values()) {
            table.flush();
        }
    }

    /**
     * Called before an adapter joins the batch's connection with a statement of its own: what an attempt sends needs
     * a savepoint to be undone.
     */
    static void beforeOwnStatement(DataSource dataSource) {
        ViewBatch batch = of(dataSource);
        if (batch == null || !batch.attempting || batch.savepoint != null) {
            return;
        }
        try {
            batch.savepoint = batch.connection.setSavepoint();
        } catch (SQLException failed) {
            throw SqlErrors.translate("start an attempt", failed);
        }
    }

    private void rollBackOwnStatements(RuntimeException failure) {
        Savepoint set = savepoint;
        savepoint = null;
        if (set == null) {
            return;
        }
        try {
            connection.rollback(set);
        } catch (SQLException rollbackFailed) {
            failure.addSuppressed(rollbackFailed);
            throw SqlErrors.translate("undo a failed attempt", rollbackFailed);
        }
    }

    private void releaseSavepoint() {
        Savepoint set = savepoint;
        savepoint = null;
        if (set == null) {
            return;
        }
        try {
            connection.releaseSavepoint(set);
        } catch (SQLException failed) {
            throw SqlErrors.translate("finish an attempt", failed);
        }
    }
}
