package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookworm.ordering.core.common.BuyerId;
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
 * A read model's detail is kept as the JSON text the adapter wrote (ADR 0059): no query looks inside it, so the server
 * neither parses it into {@code jsonb}'s tree on each write nor prints it back on each read. Every write path keeps
 * the text as written: the live upsert, the rebuild's {@code COPY} into a shadow, the buyer views' upsert.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ViewTextIT {
    @RegisterExtension
    final PostgresTestDatabase pg = PostgresTestDatabase.withoutGroupCommit();

    private DataSource dataSource;
    private ObjectMapper mapper;

    @BeforeEach
    void start() throws SQLException {
        dataSource = pg.adapters().dataSource();
        mapper = pg.adapters().codec().mapper();
        try (Connection c = dataSource.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE ordering.order_views_shadow (LIKE ordering.order_views INCLUDING ALL)");
        }
    }

    @Test
    void an_order_view_upserted_into_the_live_table_is_stored_as_the_text_written() throws Exception {
        var live = new PostgresOrderViews(dataSource, mapper, ViewTable.ORDERS_LIVE);
        OrderView view = view(OrderStatus.CONFIRMED);

        live.save(view);

        assertThat(stored("ordering.order_views", "order_id", view.id().value()))
                .isEqualTo(mapper.writeValueAsString(view));
    }

    @Test
    void an_order_view_copied_into_a_rebuilds_shadow_is_stored_as_the_text_written() throws Exception {
        var shadow = new PostgresOrderViews(dataSource, mapper, ViewTable.ORDERS_SHADOW);
        OrderView view = view(OrderStatus.PLACED);

        try (Connection c = dataSource.getConnection()) {
            shadow.insertAll(c, List.of(view));
        }

        assertThat(stored("ordering.order_views_shadow", "order_id", view.id().value()))
                .isEqualTo(mapper.writeValueAsString(view));
        assertThat(shadow.find(view.id())).contains(view);
    }

    @Test
    void a_buyer_view_is_stored_as_the_text_written() throws Exception {
        var buyers = new PostgresBuyerViews(dataSource, mapper, ViewTable.BUYERS_LIVE);
        var view = ContractFixtures.buyerView(new BuyerId(UUID.randomUUID()), 1, false);

        buyers.save(view);

        assertThat(stored("ordering.buyer_views", "buyer_id", view.id().value()))
                .isEqualTo(mapper.writeValueAsString(view));
    }

    private static OrderView view(OrderStatus status) {
        return ContractFixtures.orderView(
                new OrderId(UUID.randomUUID()), ContractFixtures.BUYER, status, ContractFixtures.T0, 1, false);
    }

    private String stored(String table, String key, UUID id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT view::text FROM " + table + " WHERE " + key + " = ?")) {
            ps.setObject(1, id);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a stored view").isTrue();
                return rs.getString(1);
            }
        }
    }
}
