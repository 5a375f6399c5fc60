package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;

/** The reservation rows of one order, always touched under the order's advisory lock. */
final class ReservationRows {
    /** The class of the orders' advisory locks; basket.reserve takes the same one (V18). */
    static final int LOCK_CLASS = 0x0b00d;

    private ReservationRows() {}

    /**
     * Replaces an open reservation's lines, keeping the caller's line order (a new reservation and its lines are
     * written by basket.reserve, V18, in the same order).
     */
    static void replaceLines(Connection c, OrderId order, List<LineQuantity> lines) throws SQLException {
        Jdbc.update(c, "DELETE FROM basket.reservation_lines WHERE order_id = ?", ps -> ps.setObject(1, order.value()));
        for (int i = 0; i < lines.size(); i++) {
            LineQuantity line = lines.get(i);
            int lineNo = i;
            Jdbc.update(
                    c,
                    "INSERT INTO basket.reservation_lines (order_id, book_id, line_no, quantity) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (order_id, book_id) DO UPDATE SET quantity = EXCLUDED.quantity",
                    ps -> {
                        ps.setObject(1, order.value());
                        ps.setObject(2, line.book().value());
                        ps.setInt(3, lineNo);
                        ps.setInt(4, line.quantity().value());
                    });
        }
    }

    static void lockOrder(Connection c, OrderId order) throws SQLException {
        Jdbc.query(
                c,
                "SELECT pg_advisory_xact_lock(?, hashtext(?))::text",
                ps -> {
                    ps.setInt(1, LOCK_CLASS);
                    ps.setString(2, order.value().toString());
                },
                rs -> rs.getString(1));
    }

    static Optional<Boolean> state(Connection c, OrderId order) throws SQLException {
        return Jdbc.query(
                        c,
                        "SELECT open FROM basket.reservations WHERE order_id = ?",
                        ps -> ps.setObject(1, order.value()),
                        rs -> rs.getBoolean(1))
                .stream()
                .findFirst();
    }
}
