package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.InstantSource;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.ordering.BuyerProjector;
import org.bookworm.ordering.core.ordering.OrderProjector;

/**
 * The rebuild of the order and buyer projections on PostgreSQL: the core's projectors replay the whole log into a
 * shadow table and the shadow is swapped in atomically, so readers never see an empty or half-built read model. The
 * live projections are the service graph's subscriptions, in a {@link PostgresUnitOfWork} like the rebuild's.
 */
final class Projections {
    /** Events a rebuild reads and commits at a time, unless told otherwise (docs/benchmarks.md, admin section). */
    static final int BATCH_SIZE = 10_000;
    /** The most a rebuild may read at a time: each batch's rows and views are held in memory. */
    static final int MAX_BATCH_SIZE = 100_000;

    static final String REBUILD_SUFFIX = "#rebuild";

    /** One projection: its subscription name, its live and shadow tables, and its projector on a table. */
    enum Kind {
        ORDERS(OrderProjector.NAME, ViewTable.ORDERS_LIVE, ViewTable.ORDERS_SHADOW),
        BUYERS(BuyerProjector.NAME, ViewTable.BUYERS_LIVE, ViewTable.BUYERS_SHADOW);

        final String subscription;
        final ViewTable live;
        final ViewTable shadow;

        Kind(String subscription, ViewTable live, ViewTable shadow) {
            this.subscription = subscription;
            this.live = live;
            this.shadow = shadow;
        }
    }

    private final DataSource dataSource;
    private final EventCodec codec;
    private final EventLog log;
    private final Checkpoints checkpoints;
    private final DeadLetters deadLetters;
    private final PostgresUnitOfWork unit;

    Projections(
            DataSource dataSource,
            EventCodec codec,
            EventLog log,
            Checkpoints checkpoints,
            DeadLetters deadLetters,
            PostgresUnitOfWork unit) {
        this.dataSource = dataSource;
        this.codec = codec;
        this.log = log;
        this.checkpoints = checkpoints;
        this.deadLetters = deadLetters;
        this.unit = unit;
    }

    /** The core's projector of {@code kind}, writing to {@code table}. */
    private EventHandler projector(Kind kind, ViewTable table) {
        return switch (kind) {
            case ORDERS -> new OrderProjector(new PostgresOrderViews(dataSource, codec.mapper(), table));
            case BUYERS -> new BuyerProjector(new PostgresBuyerViews(dataSource, codec.mapper(), table));
        };
    }

    /**
     * The rebuild's subscription: the log read without metadata, a page ahead ({@link RebuildLog}), and each batch's
     * views read in one statement and written in one, as the live projection's are ({@link ViewBatch}, ADR 0046).
     */
    private Subscription shadowSubscription(Kind kind, String rebuildName, int batchSize, RebuildLog rebuildLog) {
        return new Subscription(
                rebuildName,
                rebuildLog,
                checkpoints,
                rebuildLog.deadLetters(deadLetters),
                projector(kind, kind.shadow),
                batchSize,
                1,
                Subscription.Retries.on(InstantSource.system()),
                unit);
    }

    /**
     * Replays the whole log into the shadow table, page by page with its own checkpoint, then, under the live
     * subscription's lock, catches up the last events and swaps the tables and checkpoints in one transaction.
     * Returns how many events the rebuild read.
     */
    int rebuild(Kind kind) {
        return rebuild(kind, RebuildProgress.NONE, false, BATCH_SIZE);
    }

    /**
     * As {@link #rebuild(Kind)}, resumable: each batch commits its shadow rows with the rebuild's checkpoint, so a
     * rebuild that was killed left a shadow table and a checkpoint, and the next one goes on from there (unless {@code
     * restart}). Reads and commits {@code batchSize} events at a time and reports to {@code progress} after each
     * batch. The shadow is loaded with only its primary key; the live table's other indexes are built on it once the
     * log is replayed, before the swap ({@link ShadowIndexes}). Returns how many events this run read.
     */
    int rebuild(Kind kind, RebuildProgress progress, boolean restart, int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "a rebuild's batch holds 1 to " + MAX_BATCH_SIZE + " events, not " + batchSize);
        }
        String rebuildName = kind.subscription + REBUILD_SUFFIX;
        boolean resumed = Jdbc.inTransaction(
                dataSource, "prepare rebuild of " + kind.subscription, c -> prepare(c, kind, rebuildName, restart));
        try (var rebuildLog = new RebuildLog(dataSource, codec, log)) {
            var shadow = shadowSubscription(kind, rebuildName, batchSize, rebuildLog);
            progress.started(
                    resumed,
                    remaining(shadow.position(), projector(kind, kind.shadow).handles()));
            int read = 0;
            int batch;
            while ((batch = shadow.pump()) > 0) {
                read += batch;
                progress.replayed(read);
            }
            Jdbc.inTransaction(dataSource, "index the rebuilt " + kind.subscription, c -> {
                PostgresUnitOfWork.lock(c, rebuildName);
                Admin.noStatementTimeout(c);
                ShadowIndexes.build(c, kind.live, kind.shadow);
                return null;
            });
            return read + swap(kind, rebuildName, shadow);
        }
    }

    /** Keeps an interrupted rebuild's shadow and checkpoint (true), or starts an empty shadow (false). */
    private boolean prepare(Connection c, Kind kind, String rebuildName, boolean restart) throws SQLException {
        PostgresUnitOfWork.lock(c, rebuildName);
        if (!restart && interrupted(c, kind, rebuildName)) {
            ShadowIndexes.dropSecondary(c, kind.shadow); // a run killed while it indexed: they are built at the end
            return true;
        }
        execute(c, "DROP TABLE IF EXISTS " + kind.shadow.qualifiedName());
        execute(
                c,
                "CREATE TABLE " + kind.shadow.qualifiedName() + " (LIKE " + kind.live.qualifiedName()
                        + " INCLUDING ALL)");
        ShadowIndexes.dropSecondary(c, kind.shadow);
        Jdbc.update(c, "DELETE FROM eventstore.checkpoints WHERE subscription = ?", ps -> ps.setString(1, rebuildName));
        Jdbc.update(
                c, "DELETE FROM eventstore.dead_letters WHERE subscription = ?", ps -> ps.setString(1, rebuildName));
        Jdbc.update(c, "DELETE FROM eventstore.held_lanes WHERE subscription = ?", ps -> ps.setString(1, rebuildName));
        return false;
    }

    /** A shadow table and a rebuild checkpoint: what a killed rebuild leaves (a finished one renames the shadow). */
    private static boolean interrupted(Connection c, Kind kind, String rebuildName) throws SQLException {
        return Jdbc.query(
                        c,
                        "SELECT to_regclass(?) IS NOT NULL AND EXISTS (SELECT 1 FROM eventstore.checkpoints"
                                + " WHERE subscription = ?)",
                        ps -> {
                            ps.setString(1, kind.shadow.qualifiedName());
                            ps.setString(2, rebuildName);
                        },
                        rs -> rs.getBoolean(1))
                .get(0);
    }

    /** How many events the projection reads from {@code after} on: those its handler declares, not the whole log. */
    private long remaining(LogPosition after, EventFilter reads) {
        return Jdbc.inTransaction(dataSource, "count what is left to rebuild", c -> {
            Admin.noStatementTimeout(c);
            return LogPositions.countAfter(c, after, reads);
        });
    }

    private int swap(Kind kind, String rebuildName, Subscription shadow) {
        return Jdbc.inTransaction(dataSource, "swap in rebuilt " + kind.subscription, c -> {
            PostgresUnitOfWork.lock(c, kind.subscription);
            PostgresUnitOfWork.lock(c, rebuildName);
            // the tail's batches join this transaction: the last events, the swap and the checkpoints at once
            int tail = Jdbc.bound(dataSource, c, bound -> shadow.drain());
            String live = kind.live.simpleName();
            var liveIndexes = ShadowIndexes.of(c, kind.live);
            execute(c, "ALTER TABLE " + kind.live.qualifiedName() + " RENAME TO " + live + "_old");
            execute(c, "ALTER TABLE " + kind.shadow.qualifiedName() + " RENAME TO " + live);
            execute(c, "DROP TABLE ordering." + live + "_old");
            ShadowIndexes.takeLiveNames(c, kind.live, liveIndexes);
            moveBookkeeping(c, rebuildName, kind.subscription);
            return tail;
        });
    }

    private static void moveBookkeeping(Connection c, String from, String to) throws SQLException {
        PostgresCheckpoints.forgetPartitions(c, to); // every partition goes on from the rebuilt checkpoint
        Jdbc.update(c, "DELETE FROM eventstore.checkpoints WHERE subscription = ?", ps -> ps.setString(1, to));
        Jdbc.update(c, "UPDATE eventstore.checkpoints SET subscription = ? WHERE subscription = ?", ps -> {
            ps.setString(1, to);
            ps.setString(2, from);
        });
        Jdbc.update(c, "DELETE FROM eventstore.dead_letters WHERE subscription = ?", ps -> ps.setString(1, to));
        Jdbc.update(c, "UPDATE eventstore.dead_letters SET subscription = ? WHERE subscription = ?", ps -> {
            ps.setString(1, to);
            ps.setString(2, from);
        });
    }

    // Only table names from ViewTable reach here, never input.
    private static void execute(Connection c, String ddl) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(ddl);
        }
    }
}
