package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The invariants {@code ordering verify} checks in SQL, in one snapshot. Each query returns the rows that break its
 * invariant, at most {@link #LIMIT} of them, as one line each. Events a subscription has not handled yet (after its
 * checkpoint, or held in a lane) do not count against what that subscription writes.
 */
final class Invariants {
    static final int LIMIT = 20;

    private static final String AMOUNT = "(data->'amount'->>'minorUnits')::int8";
    private static final String ORPHAN_VIEWS = "SELECT 'order ' || v.order_id || ' has a read model but no stream'"
            + " FROM ordering.order_views v WHERE NOT EXISTS (SELECT 1 FROM eventstore.events e"
            + " WHERE e.stream_type = 'order' AND e.stream_id = v.order_id) ORDER BY v.order_id LIMIT " + LIMIT;
    private static final String PAYMENTS = "SELECT 'payment-' || stream_id || ': authorized ' || auth || ', captured '"
            + " || cap || ', refunded ' || ref FROM (SELECT stream_id,"
            + " coalesce(sum(" + AMOUNT + ") FILTER (WHERE type = 'PaymentAuthorized'), 0) AS auth,"
            + " coalesce(sum(" + AMOUNT + ") FILTER (WHERE type = 'PaymentCaptured'), 0) AS cap,"
            + " coalesce(sum(" + AMOUNT + ") FILTER (WHERE type = 'PaymentRefunded'), 0) AS ref"
            + " FROM eventstore.events WHERE stream_type = 'payment' GROUP BY stream_id) p"
            + " WHERE cap > auth OR ref > cap ORDER BY stream_id LIMIT " + LIMIT;
    private static final String STOCK = "SELECT 'book ' || s.book_id || ': on hand ' || s.on_hand || ', held '"
            + " || s.held || ', open reservations ' || coalesce(r.open_lines, 0) FROM basket.stock s"
            + " LEFT JOIN (SELECT l.book_id, sum(l.quantity) AS open_lines FROM basket.reservation_lines l"
            + " JOIN basket.reservations o ON o.order_id = l.order_id WHERE o.open GROUP BY l.book_id) r"
            + " ON r.book_id = s.book_id WHERE s.held <> coalesce(r.open_lines, 0) OR s.held > s.on_hand"
            + " OR s.on_hand < 0 ORDER BY s.book_id LIMIT " + LIMIT;
    private static final String RESERVATIONS = "SELECT 'order ' || r.order_id || ' is ' || v.status"
            + " || ' and its reservation is open' FROM basket.reservations r JOIN ordering.order_views v"
            + " ON v.order_id = r.order_id WHERE r.open AND v.status IN ('SHIPPED', 'COMPLETED', 'CANCELLED', 'FAILED')"
            + " ORDER BY r.order_id LIMIT " + LIMIT;
    private static final String EMAILS = "SELECT 'order ' || e.stream_id || ' was confirmed at position '"
            + " || e.global_position || ' and has no confirmation e-mail' FROM eventstore.events e"
            + " JOIN eventstore.checkpoints c ON c.subscription = 'notifications'"
            + " WHERE e.stream_type = 'order' AND e.type = 'OrderConfirmed'"
            + " AND (e.tx_id, e.global_position) <= (c.last_tx_id, c.last_position)"
            + " AND NOT EXISTS (SELECT 1 FROM notification.email_outbox o WHERE o.order_id = e.stream_id"
            + " AND o.kind = 'CONFIRMED') AND NOT EXISTS (SELECT 1 FROM eventstore.held_lanes h"
            + " WHERE h.subscription = 'notifications' AND h.lane = e.stream_id) ORDER BY e.global_position LIMIT "
            + LIMIT;

    private Invariants() {}

    static List<Violation> check(Connection c) throws SQLException {
        var broken = new ArrayList<Violation>();
        broken.addAll(rows(c, Violation.READ_MODEL, ORPHAN_VIEWS));
        broken.addAll(rows(c, Violation.PAYMENTS, PAYMENTS));
        broken.addAll(rows(c, Violation.STOCK, STOCK));
        broken.addAll(rows(c, Violation.RESERVATIONS, RESERVATIONS));
        broken.addAll(rows(c, Violation.CONFIRMATION_EMAILS, EMAILS));
        return broken;
    }

    private static List<Violation> rows(Connection c, String invariant, String sql) throws SQLException {
        return Jdbc.query(c, sql, ps -> {}, rs -> new Violation(invariant, rs.getString(1)));
    }
}
