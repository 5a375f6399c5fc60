package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.finance.CheckoutEvent;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rows written before issue 13 changed the shape of {@code ReservationRequested}, {@code PaymentRequested} and {@code
 * OrderConfirmed} (schema version 1) still load, upcast to today's records with the new fields null.
 */
class StoredEventShapesIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    private static final Instant DUE = Instant.parse("2026-11-24T10:16:00Z");
    private static final Instant AT = Instant.parse("2026-11-24T10:15:30Z");

    @Test
    void oldShapeSagaRequestsLoadWithoutWhatTheyDidNotCarry() throws SQLException {
        var order = new OrderId(UUID.randomUUID());
        StreamId checkout = CheckoutSagaService.stream(order);
        String id = "\"orderId\":\"" + order.value() + "\"";
        String times = "\"dueAt\":\"" + DUE + "\",\"at\":\"" + AT + "\"";
        insertV1(checkout, 1, "ReservationRequested", "{" + id + ",\"attempt\":1,\"step\":1," + times + "}");
        insertV1(checkout, 2, "PaymentRequested", "{" + id + ",\"attempt\":1,\"step\":2," + times + "}");

        assertThat(pg.adapters().eventStore().load(checkout).domainEvents())
                .containsExactly(
                        new CheckoutEvent.ReservationRequested(order, 1, 1, null, DUE, AT),
                        new CheckoutEvent.PaymentRequested(order, 1, 2, null, null, DUE, AT));
    }

    @Test
    void anOldShapeConfirmationLoadsWithoutTheOrder() throws SQLException {
        var order = new OrderId(UUID.randomUUID());
        StreamId stream = OrderService.stream(order);
        pg.adapters().eventStore().append(stream, 0, java.util.List.of(Samples.newEvent(Samples.placed(order))));
        insertV1(stream, 2, "OrderConfirmed", "{\"orderId\":\"" + order.value() + "\",\"at\":\"" + AT + "\"}");

        assertThat(pg.adapters().eventStore().load(stream).domainEvents())
                .containsExactly(Samples.placed(order), new OrderEvent.OrderConfirmed(order, null, AT));
    }

    private static void insertV1(StreamId stream, int version, String type, String json) throws SQLException {
        try (Connection c = pg.db().connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO eventstore.events (stream_type, stream_id,"
                        + " version, event_id, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, 1,"
                        + " ?::jsonb, ?::jsonb)")) {
            ps.setString(1, stream.type().prefix());
            ps.setObject(2, stream.id());
            ps.setInt(3, version);
            ps.setObject(4, UUID.randomUUID());
            ps.setString(5, type);
            ps.setString(6, json);
            ps.setString(7, pg.adapters().codec().write(Samples.metadata()));
            ps.executeUpdate();
        }
    }
}
