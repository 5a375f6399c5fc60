package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.bookworm.ordering.core.finance.CheckoutEvent;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.port.NewEvent;

/** Saga deadline rows written inside an append's transaction. */
final class SagaDeadlineRows {
    private static final String SCHEDULE_DEADLINE = "INSERT INTO finance.saga_deadlines (order_id, step, due_at)"
            + " VALUES (?, ?, ?) ON CONFLICT (order_id, step) DO NOTHING";

    private SagaDeadlineRows() {}

    /**
     * A saga step's deadline commits with the event that requests the step (RELIABILITY.md section 4), so no crash
     * can leave a requested step without its timeout. Scheduling it again later (from a subscription) changes nothing.
     */
    static void scheduleRequested(Connection c, List<NewEvent> events) throws SQLException {
        for (NewEvent event : events) {
            switch (event.event()) {
                // step 0: the order must be placed by dueAt, or the checkout is abandoned
                case CheckoutEvent.CheckoutRequested r -> scheduleDeadline(c, r.orderId(), 0, r.dueAt());
                case CheckoutEvent.ReservationRequested r -> scheduleDeadline(c, r.orderId(), r.step(), r.dueAt());
                case CheckoutEvent.PaymentRequested p -> scheduleDeadline(c, p.orderId(), p.step(), p.dueAt());
                default -> {}
            }
        }
    }

    private static void scheduleDeadline(Connection c, OrderId order, int step, Instant dueAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SCHEDULE_DEADLINE)) {
            ps.setObject(1, order.value());
            ps.setInt(2, step);
            ps.setLong(3, Nanos.of(dueAt));
            ps.executeUpdate();
        }
    }
}
