package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookworm.ordering.core.contract.ContractFixtures;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.bookworm.ordering.core.ordering.OrderView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rebuild's batch writes the shadow's views it read as absent by {@code COPY}, as new rows, and upserts the others
 * (ADR 0032, fourth pass): the rebuild alone writes the shadow, under its lock, so what the batch read as absent is
 * still absent when it writes. Were a row to appear meanwhile all the same, the batch fails rather than overwrite it.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ShadowViewsIT {
    private static final String ROWS = "SELECT order_id, buyer_id, status, placed_at, version, deleted, view::text"
            + " FROM ordering.order_views_shadow ORDER BY order_id";

    @RegisterExtension
    final PostgresTestDatabase pg = PostgresTestDatabase.withoutGroupCommit();

    private DataSource dataSource;
    private PostgresOrderViews shadow;
    private PostgresOrderViews live;

    @BeforeEach
    void start() throws SQLException {
        dataSource = pg.adapters().dataSource();
        shadow = new PostgresOrderViews(dataSource, pg.adapters().codec().mapper(), ViewTable.ORDERS_SHADOW);
        live = new PostgresOrderViews(dataSource, pg.adapters().codec().mapper(), ViewTable.ORDERS_LIVE);
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE ordering.order_views_shadow (LIKE ordering.order_views INCLUDING ALL)");
        }
    }

    @Test
    void a_batch_inserts_the_views_it_read_as_absent_and_upserts_the_stored_ones_as_the_live_table_does()
            throws SQLException {
        OrderId stored = new OrderId(UUID.randomUUID());
        OrderId unsure = new OrderId(UUID.randomUUID());
        var fresh = new ArrayList<OrderId>();
        for (int i = 0; i < 50; i++) {
            fresh.add(new OrderId(UUID.randomUUID()));
        }
        for (var views : List.of(shadow, live)) {
            views.save(view(stored, OrderStatus.PLACED, 1));
            views.save(view(unsure, OrderStatus.CONFIRMED, 3));
        }

        for (var views : List.of(shadow, live)) {
            inBatch(() -> {
                views.prefetch(fresh, Set.of());
                views.save(view(stored, OrderStatus.CONFIRMED, 2));
                views.save(view(unsure, OrderStatus.PLACED, 2)); // older than the stored one: kept out
                fresh.forEach(id -> views.save(view(id, OrderStatus.PLACED, 1)));
                views.save(view(fresh.get(0), OrderStatus.CANCELLED, 2)); // new, then changed in the same batch
            });
        }

        assertThat(rows(ROWS)).hasSize(52).isEqualTo(rows(ROWS.replace("order_views_shadow", "order_views")));
        assertThat(shadow.find(fresh.get(0)).orElseThrow().status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(shadow.find(unsure).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void a_view_read_as_absent_whose_row_appears_before_the_write_fails_the_batch_instead_of_being_overwritten()
            throws SQLException {
        OrderId id = new OrderId(UUID.randomUUID());

        assertThatThrownBy(() -> inBatch(() -> {
                    shadow.prefetch(List.of(id), Set.of());
                    // another transaction stores the view meanwhile, which no rebuild lets happen: the shadow is the
                    // rebuild's alone, under its lock
                    storeElsewhere(view(id, OrderStatus.PLACED, 1));
                    shadow.save(view(id, OrderStatus.CONFIRMED, 5));
                }))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("order_views_shadow_pkey");

        assertThat(rows(ROWS)).singleElement().asString().contains("PLACED").doesNotContain("CONFIRMED");
    }

    @Test
    void a_live_batch_writes_its_new_and_stored_views_in_one_statement_as_before() throws SQLException {
        var statements = new StatementCounter(dataSource);
        var counted = new PostgresOrderViews(
                statements.dataSource(), pg.adapters().codec().mapper(), ViewTable.ORDERS_LIVE);
        OrderId stored = new OrderId(UUID.randomUUID());
        OrderId fresh = new OrderId(UUID.randomUUID());
        live.save(view(stored, OrderStatus.PLACED, 1));
        statements.takeSql();

        inBatch(statements.dataSource(), () -> {
            counted.prefetch(List.of(stored, fresh), Set.of());
            counted.save(view(stored, OrderStatus.CONFIRMED, 2));
            counted.save(view(fresh, OrderStatus.PLACED, 1));
        });

        assertThat(statements.takeSql())
                .filteredOn(sql -> sql.startsWith("INSERT INTO ordering.order_views "))
                .hasSize(1);
        assertThat(live.find(fresh)).isPresent();
        assertThat(live.find(stored).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void a_rebuilds_batch_does_not_look_for_the_views_of_orders_that_begin_in_it_and_a_live_batch_does()
            throws SQLException {
        var statements = new StatementCounter(dataSource);
        OrderId stored = new OrderId(UUID.randomUUID());
        OrderId begun = new OrderId(UUID.randomUUID());
        shadow.save(view(stored, OrderStatus.PLACED, 1));
        live.save(view(stored, OrderStatus.PLACED, 1));
        var shadowLooks = new ArrayList<String>();
        var liveLooks = new ArrayList<String>();

        for (var table : List.of(ViewTable.ORDERS_SHADOW, ViewTable.ORDERS_LIVE)) {
            var counted = new PostgresOrderViews(
                    statements.dataSource(), pg.adapters().codec().mapper(), table);
            statements.takeSql();
            inBatch(statements.dataSource(), () -> {
                counted.prefetch(List.of(begun), Set.of(begun));
                counted.save(view(begun, OrderStatus.PLACED, 1));
                counted.prefetch(List.of(stored, begun), Set.of(begun));
                counted.save(view(stored, OrderStatus.CONFIRMED, 2));
            });
            (table.isShadow() ? shadowLooks : liveLooks)
                    .addAll(statements.takeSql().stream()
                            .filter(sql -> sql.startsWith("SELECT view::text"))
                            .toList());
        }

        assertThat(shadowLooks)
                .as("the shadow reads only the view stored before the batch")
                .hasSize(1);
        assertThat(liveLooks)
                .as("the live table reads both, one batch read each")
                .hasSize(2);
        assertThat(rows(ROWS)).hasSize(2).isEqualTo(rows(ROWS.replace("order_views_shadow", "order_views")));
        assertThat(shadow.find(stored).orElseThrow().status()).isEqualTo(OrderStatus.CONFIRMED);
    }

    /** Stores {@code view} outside the batch, on a connection of its own, and commits it. */
    private void storeElsewhere(OrderView view) {
        try (Connection c = dataSource.getConnection()) {
            shadow.saveAll(c, List.of(view));
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    private void inBatch(Runnable work) throws SQLException {
        inBatch(dataSource, work);
    }

    private static void inBatch(DataSource dataSource, Runnable work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Jdbc.bound(
                        dataSource,
                        c,
                        bound -> ViewBatch.run(
                                dataSource,
                                bound,
                                false,
                                () -> {
                                    work.run();
                                    return 0;
                                },
                                () -> {}));
                c.commit();
            } catch (SQLException | RuntimeException failed) {
                c.rollback();
                throw failed;
            }
        }
    }

    private static OrderView view(OrderId id, OrderStatus status, long version) {
        return ContractFixtures.orderView(id, ContractFixtures.BUYER, status, ContractFixtures.T0, version, false);
    }

    private List<String> rows(String sql) throws SQLException {
        var rows = new ArrayList<String>();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            while (rs.next()) {
                var row = new StringBuilder();
                for (int i = 1; i <= 7; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
