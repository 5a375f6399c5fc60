package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When the database goes away, calls end with StoreUnavailable (after the pool's 2.5 s connection timeout) instead of
 * hanging or leaking SQL errors.
 */
class OutageIT {
    @RegisterExtension
    final PostgresTestDatabase postgres = new PostgresTestDatabase();

    @Test
    void aVanishedDatabaseAnswersStoreUnavailable() throws Exception {
        var db = postgres.db();
        var pg = postgres.adapters();
        var order = new OrderId(UUID.randomUUID());
        var stream = EventStoreEssentialsIT.streamOf(order);
        assertThat(pg.eventStore().append(stream, 0, Samples.newEvents(order, 1)))
                .isEqualTo(1);

        // Terminates every connection of the pool and removes the database: the server side of an outage.
        try (Connection admin = DriverManager.getConnection(TestDatabase.ADMIN_URL);
                Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE " + db.name + " WITH (FORCE)");
        }

        assertThatThrownBy(() -> pg.eventStore().append(stream, 1, EventStoreEssentialsIT.confirmations(order, 1)))
                .isInstanceOf(StoreUnavailable.class);
        assertThatThrownBy(() -> pg.eventStore().load(stream)).isInstanceOf(StoreUnavailable.class);
        assertThatThrownBy(() -> pg.orderViews().find(order)).isInstanceOf(StoreUnavailable.class);
    }
}
