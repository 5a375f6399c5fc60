package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.contract.ContractFixtures;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderProjection;
import org.bookworm.ordering.core.ordering.OrderProjector;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rebuild's batches in its pipeline (ADR 0032, fifth pass): the next batch is folded while the one before it
 * commits, yet the batches commit one after the other, each with its checkpoint, so a rebuild stopped by a failed
 * write leaves nothing committed after the batch before it and resumes from there.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class RebuildPipelineIT {
    private static final String REBUILD = OrderProjector.NAME + Projections.REBUILD_SUFFIX;
    private static final String SHADOW_ROWS = "SELECT order_id, buyer_id, status, placed_at, version, deleted,"
            + " view::text FROM ordering.order_views_shadow ORDER BY order_id";
    private static final String LIVE_ROWS = SHADOW_ROWS.replace("order_views_shadow", "order_views");

    @RegisterExtension
    final PostgresTestDatabase pg = new PostgresTestDatabase();

    private PostgresAdmin admin;

    @BeforeEach
    void start() {
        admin = PostgresAdmin.migrated(pg.db().config(), InstantSource.system());
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void the_next_batch_is_folded_while_the_one_before_it_commits() throws Exception {
        placeOrders(40);
        var told = new ArrayList<String>();
        RebuildProgress watching = new RebuildProgress() {
            @Override
            public void started(boolean resumed, long remaining) {
                told.add("started, " + remaining + " to go");
            }

            @Override
            public void replayed(long events) {
                told.add(events + " committed, batches open " + openBatches());
            }
        };

        assertThat(admin.rebuild(OrderProjector.NAME, watching, true, 10)).isEqualTo(40);

        assertThat(told)
                .as("each batch is reported committed while the next one, folded, waits to commit")
                .containsExactly(
                        "started, 40 to go",
                        "10 committed, batches open 1",
                        "20 committed, batches open 1",
                        "30 committed, batches open 1",
                        "40 committed, batches open 1");
        assertThat(rows(LIVE_ROWS)).hasSize(40);
    }

    @Test
    void a_write_that_fails_stops_the_rebuild_with_nothing_committed_after_the_batch_before_it() throws Exception {
        List<OrderId> orders = placeOrders(60);
        OrderId third = orders.get(24); // placed in the third batch of ten
        RebuildProgress injecting = new RebuildProgress() {
            @Override
            public void started(boolean resumed, long remaining) {}

            @Override
            public void replayed(long events) {
                // told of the second batch once the third has read its views, before the third commits: the view
                // the third read as absent is there when it writes, and its COPY fails on the primary key
                if (events == 20) {
                    new PostgresOrderViews(
                                    pg.adapters().dataSource(),
                                    pg.adapters().codec().mapper(),
                                    ViewTable.ORDERS_SHADOW)
                            .save(OrderProjection.fold(pg.adapters()
                                    .eventStore()
                                    .load(OrderService.stream(third))
                                    .events()));
                }
            }
        };

        assertThatThrownBy(() -> admin.rebuild(OrderProjector.NAME, injecting, true, 10))
                .hasStackTraceContaining("order_views_shadow_pkey");

        assertThat(rows("SELECT last_position FROM eventstore.checkpoints WHERE subscription = ?", REBUILD))
                .as("the checkpoint of the second batch, the last one committed")
                .containsExactly(positionOfEvent(20) + "|");
        assertThat(rows("SELECT count(*) FROM ordering.order_views_shadow"))
                .as("the views of the first two batches and the row in the way; none of the fourth, folded meanwhile")
                .containsExactly("21|");

        execute("DELETE FROM ordering.order_views_shadow WHERE order_id = '" + third.value() + "'");
        assertThat(admin.rebuild(OrderProjector.NAME, RebuildProgress.NONE, false, 10))
                .as("resumed after the second batch")
                .isEqualTo(40);
        List<String> resumed = rows(LIVE_ROWS);
        admin.rebuild(OrderProjector.NAME, RebuildProgress.NONE, true, 1_000);
        assertThat(rows(LIVE_ROWS)).hasSize(60).isEqualTo(resumed);
    }

    @Test
    void a_checkpoint_moved_by_someone_else_while_the_rebuild_runs_stops_it_and_is_not_overwritten() throws Exception {
        placeOrders(40);
        long moved = positionOfEvent(5);
        RebuildProgress moving = new RebuildProgress() {
            @Override
            public void started(boolean resumed, long remaining) {}

            @Override
            public void replayed(long events) {
                if (events == 10) {
                    execute("UPDATE eventstore.checkpoints SET last_position = " + moved + " WHERE subscription = '"
                            + REBUILD + "'");
                }
            }
        };

        assertThatThrownBy(() -> admin.rebuild(OrderProjector.NAME, moving, true, 10))
                .hasMessageContaining("checkpoint of " + REBUILD + " moved");

        assertThat(rows("SELECT last_position FROM eventstore.checkpoints WHERE subscription = ?", REBUILD))
                .containsExactly(moved + "|");
        assertThat(rows(SHADOW_ROWS)).hasSize(10);
    }

    /** {@code count} orders, each placed in a transaction of its own, one after the other. */
    private List<OrderId> placeOrders(int count) {
        var orders = new ArrayList<OrderId>();
        for (int i = 0; i < count; i++) {
            var order = new OrderId(UUID.randomUUID());
            pg.adapters()
                    .eventStore()
                    .append(
                            StreamId.of(OrderService.STREAM, order.value()),
                            0,
                            ContractFixtures.newEvents(List.of(ContractFixtures.placed(order))));
            orders.add(order);
        }
        return orders;
    }

    /** The global position of the {@code n}th event of the log, in log order. */
    private long positionOfEvent(int n) throws SQLException {
        return Long.parseLong(rows(
                        "SELECT global_position FROM eventstore.events ORDER BY tx_id, global_position"
                                + " OFFSET ? LIMIT 1",
                        n - 1)
                .get(0)
                .replace("|", ""));
    }

    /** The rebuild's transactions open and waiting: a batch folded, not committed yet. */
    private long openBatches() {
        try {
            return Long.parseLong(rows(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                    + " AND application_name = ? AND state = 'idle in transaction'",
                            PostgresAdmin.APPLICATION)
                    .get(0)
                    .replace("|", ""));
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private void execute(String sql) {
        try (Connection c = pg.db().connect();
                var statement = c.createStatement()) {
            statement.execute(sql);
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private List<String> rows(String sql, Object... params) throws SQLException {
        try (Connection c = pg.db().connect();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            var rows = new ArrayList<String>();
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    var row = new StringBuilder();
                    for (int column = 1; column <= columns; column++) {
                        row.append(rs.getString(column)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }
    }
}
