package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.contract.ContractFixtures;
import org.bookworm.ordering.core.ordering.BuyerView;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.bookworm.ordering.core.ordering.OrderView;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * V20 (ADR 0059) turns the read models' {@code jsonb} detail into {@code json}: views stored before it, in the live
 * tables and in the shadow of a rebuild killed before the upgrade, read back as they were, and the shadow takes the
 * rebuild's {@code COPY} of the new form, so the rebuild resumes.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ViewTextMigrationIT {
    @RegisterExtension
    final PostgresTestDatabase pg = PostgresTestDatabase.withoutAdapters();

    @Test
    void views_stored_as_jsonb_before_v20_read_back_the_same_after_it_and_a_leftover_shadow_takes_the_new_form()
            throws Exception {
        var source = new PGSimpleDataSource();
        source.setUrl(pg.db().url);
        Flyway.configure()
                .configuration(Pools.flyway(source).getConfiguration())
                .target("19")
                .load()
                .migrate();
        var mapper = EventCodec.standard().mapper();
        OrderView live = order(OrderStatus.CONFIRMED);
        OrderView shadowed = order(OrderStatus.PLACED);
        BuyerView buyer = ContractFixtures.buyerView(new BuyerId(UUID.randomUUID()), 2, false);
        try (Connection c = pg.db().connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE ordering.order_views_shadow (LIKE ordering.order_views INCLUDING ALL)");
            for (var table : List.of("ordering.order_views", "ordering.order_views_shadow")) {
                var view = table.endsWith("shadow") ? shadowed : live;
                try (var ps = c.prepareStatement("INSERT INTO " + table
                        + " (order_id, buyer_id, status, placed_at, version, deleted, view)"
                        + " VALUES (?, ?, ?, ?, ?, false, ?::jsonb)")) {
                    ps.setObject(1, view.id().value());
                    ps.setObject(2, view.buyer().value());
                    ps.setString(3, view.status().name());
                    ps.setLong(4, Nanos.of(view.placedAt()));
                    ps.setLong(5, view.version());
                    ps.setString(6, mapper.writeValueAsString(view));
                    ps.executeUpdate();
                }
            }
            try (var ps = c.prepareStatement("INSERT INTO ordering.buyer_views (buyer_id, version, deleted, view)"
                    + " VALUES (?, 2, false, ?::jsonb)")) {
                ps.setObject(1, buyer.id().value());
                ps.setString(2, mapper.writeValueAsString(buyer));
                ps.executeUpdate();
            }
        }

        try (var adapters = PostgresAdapters.startWithoutGroupCommit(pg.db().config())) { // migrates to the latest
            var ds = adapters.dataSource();
            var codec = adapters.codec().mapper();
            var shadow = new PostgresOrderViews(ds, codec, ViewTable.ORDERS_SHADOW);
            assertThat(new PostgresOrderViews(ds, codec, ViewTable.ORDERS_LIVE).find(live.id()))
                    .contains(live);
            assertThat(shadow.find(shadowed.id())).contains(shadowed);
            assertThat(new PostgresBuyerViews(ds, codec, ViewTable.BUYERS_LIVE).find(buyer.id()))
                    .contains(buyer);

            OrderView copied = order(OrderStatus.CANCELLED);
            try (Connection c = ds.getConnection()) {
                shadow.insertAll(c, List.of(copied));
            }
            assertThat(shadow.find(copied.id())).contains(copied);
            assertThat(viewTypes(ds)).containsOnly("json");
        }
    }

    private static OrderView order(OrderStatus status) {
        return ContractFixtures.orderView(
                new OrderId(UUID.randomUUID()), ContractFixtures.BUYER, status, ContractFixtures.T0, 3, false);
    }

    private static List<String> viewTypes(DataSource ds) throws SQLException {
        var types = new ArrayList<String>();
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement();
                var rs = st.executeQuery("SELECT data_type FROM information_schema.columns WHERE table_schema ="
                        + " 'ordering' AND column_name = 'view'")) {
            while (rs.next()) {
                types.add(rs.getString(1));
            }
        }
        assertThat(types).hasSize(3); // order_views, its shadow, buyer_views
        return types;
    }
}
