package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.bookworm.ordering.core.ordering.BuyerEvent;
import org.bookworm.ordering.core.ordering.BuyerProjection;
import org.bookworm.ordering.core.ordering.BuyerProjector;
import org.bookworm.ordering.core.ordering.BuyerView;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderProjection;
import org.bookworm.ordering.core.ordering.OrderProjector;
import org.bookworm.ordering.core.ordering.OrderView;

/**
 * The order and buyer projections on PostgreSQL: the core's pure folds applied inside the runner's transaction, and
 * the rebuild that replays the whole log into a shadow table and swaps it in atomically, so readers never see an
 * empty or half-built read model.
 */
final class Projections {
    static final int BATCH_SIZE = 1_000;
    static final String REBUILD_SUFFIX = "#rebuild";

    /** One projection: its subscription name, its live and shadow tables, and how it writes to a table. */
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

    Projections(DataSource dataSource, EventCodec codec) {
        this.dataSource = dataSource;
        this.codec = codec;
    }

    ProjectionRunner runner(Kind kind) {
        return new ProjectionRunner(dataSource, codec, kind.subscription, handler(kind, kind.live), BATCH_SIZE);
    }

    ProjectionRunner.Handler handler(Kind kind, ViewTable table) {
        return switch (kind) {
            case ORDERS -> orders(new PostgresOrderViews(dataSource, codec.mapper(), table));
            case BUYERS -> buyers(new PostgresBuyerViews(dataSource, codec.mapper(), table));
        };
    }

    private static ProjectionRunner.Handler orders(PostgresOrderViews views) {
        return (c, recorded) -> {
            if (!(recorded.event() instanceof OrderEvent event)) {
                return;
            }
            OrderView current = views.find(c, event.orderId()).orElse(null);
            if (current != null && current.version() >= recorded.version()) {
                return; // redelivered
            }
            OrderView next = OrderProjection.apply(current, recorded);
            if (next == null) {
                throw new IllegalStateException("order view " + event.orderId() + " is at version "
                        + (current == null ? 0 : current.version()) + " but the log delivered " + recorded.version());
            }
            views.save(c, next);
        };
    }

    private static ProjectionRunner.Handler buyers(PostgresBuyerViews views) {
        return (c, recorded) -> {
            if (!(recorded.event() instanceof BuyerEvent event)) {
                return;
            }
            BuyerView current = views.find(c, event.buyerId()).orElse(null);
            if (current != null && current.version() >= recorded.version()) {
                return;
            }
            BuyerView next = BuyerProjection.apply(current, recorded);
            if (next == null) {
                throw new IllegalStateException(
                        "buyer view " + event.buyerId() + " cannot take version " + recorded.version());
            }
            views.save(c, next);
        };
    }

    /**
     * Replays the whole log into the shadow table, page by page with its own checkpoint, then, under the live
     * subscription's lock, catches up the last events and swaps the tables and checkpoints in one transaction.
     * Returns how many events the rebuild read.
     */
    int rebuild(Kind kind) {
        String rebuildName = kind.subscription + REBUILD_SUFFIX;
        Jdbc.inTransaction(dataSource, "prepare rebuild of " + kind.subscription, c -> {
            ProjectionRunner.lock(c, rebuildName);
            execute(c, "DROP TABLE IF EXISTS " + kind.shadow.qualifiedName());
            execute(
                    c,
                    "CREATE TABLE " + kind.shadow.qualifiedName() + " (LIKE " + kind.live.qualifiedName()
                            + " INCLUDING ALL)");
            Jdbc.update(
                    c, "DELETE FROM eventstore.checkpoints WHERE subscription = ?", ps -> ps.setString(1, rebuildName));
            Jdbc.update(
                    c,
                    "DELETE FROM eventstore.dead_letters WHERE subscription = ?",
                    ps -> ps.setString(1, rebuildName));
            return null;
        });
        var shadowRunner = new ProjectionRunner(dataSource, codec, rebuildName, handler(kind, kind.shadow), BATCH_SIZE);
        int read = shadowRunner.drain();
        return read
                + Jdbc.inTransaction(dataSource, "swap in rebuilt " + kind.subscription, c -> {
                    ProjectionRunner.lock(c, kind.subscription);
                    ProjectionRunner.lock(c, rebuildName);
                    int tail = 0;
                    int more;
                    while ((more = shadowRunner.pumpIn(c)) > 0) {
                        tail += more;
                    }
                    String live = kind.live.simpleName();
                    execute(c, "ALTER TABLE " + kind.live.qualifiedName() + " RENAME TO " + live + "_old");
                    execute(c, "ALTER TABLE " + kind.shadow.qualifiedName() + " RENAME TO " + live);
                    execute(c, "DROP TABLE ordering." + live + "_old");
                    moveBookkeeping(c, rebuildName, kind.subscription);
                    return tail;
                });
    }

    private static void moveBookkeeping(Connection c, String from, String to) throws SQLException {
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
