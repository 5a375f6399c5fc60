package org.bookworm.ordering.adapter.postgres;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookworm.ordering.core.finance.SagaDeadlines;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Durable saga deadlines. A claim leases due rows with {@code FOR UPDATE SKIP LOCKED}, so several processes polling
 * at once never claim the same deadline; a lease that runs out without {@link #complete} makes the deadline due again.
 * A completed deadline is kept as completed, so scheduling it again changes nothing.
 */
final class PostgresSagaDeadlines implements SagaDeadlines {
    private static final String SCHEDULE = "INSERT INTO finance.saga_deadlines (order_id, step, due_at)"
            + " VALUES (?, ?, ?) ON CONFLICT (order_id, step) DO NOTHING";
    private static final String CLAIM = "UPDATE finance.saga_deadlines d SET leased_until = ?"
            + " FROM (SELECT order_id, step FROM finance.saga_deadlines WHERE NOT completed AND due_at <= ?"
            + " AND (leased_until IS NULL OR leased_until <= ?) ORDER BY due_at, order_id, step LIMIT ?"
            + " FOR UPDATE SKIP LOCKED) c WHERE d.order_id = c.order_id AND d.step = c.step"
            + " RETURNING d.order_id, d.step, d.due_at";
    private static final String COMPLETE = "INSERT INTO finance.saga_deadlines (order_id, step, due_at, completed)"
            + " VALUES (?, ?, 0, true) ON CONFLICT (order_id, step) DO UPDATE SET completed = true, leased_until = NULL";
    private static final String COMPLETE_ALL = "UPDATE finance.saga_deadlines SET completed = true,"
            + " leased_until = NULL WHERE order_id = ? AND NOT completed";
    private static final String PENDING = "SELECT order_id, step, due_at FROM finance.saga_deadlines"
            + " WHERE NOT completed ORDER BY due_at, order_id, step";

    private final DataSource dataSource;

    PostgresSagaDeadlines(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void schedule(OrderId order, int step, Instant dueAt) {
        Jdbc.withConnection(
                dataSource,
                "schedule a deadline",
                c -> Jdbc.update(c, SCHEDULE, ps -> {
                    ps.setObject(1, order.value());
                    ps.setInt(2, step);
                    ps.setLong(3, Nanos.of(dueAt));
                }));
    }

    @Override
    public List<Deadline> claimDue(Instant now, int limit) {
        if (limit < 1) {
            return List.of();
        }
        long at = Nanos.of(now);
        List<Deadline> claimed = Jdbc.inTransaction(
                dataSource,
                "claim due deadlines",
                c -> Jdbc.query(
                        c,
                        CLAIM,
                        ps -> {
                            ps.setLong(1, Nanos.of(now.plus(LEASE)));
                            ps.setLong(2, at);
                            ps.setLong(3, at);
                            ps.setInt(4, limit);
                        },
                        rs -> new Deadline(
                                new OrderId(rs.getObject(1, UUID.class)), rs.getInt(2), Nanos.instant(rs.getLong(3)))));
        // RETURNING keeps no order: earliest first, as promised
        return claimed.stream().sorted(Comparator.comparing(Deadline::dueAt)).toList();
    }

    @Override
    public void complete(OrderId order, int step) {
        Jdbc.withConnection(
                dataSource,
                "complete a deadline",
                c -> Jdbc.update(c, COMPLETE, ps -> {
                    ps.setObject(1, order.value());
                    ps.setInt(2, step);
                }));
    }

    @Override
    public void completeAll(OrderId order) {
        Jdbc.withConnection(
                dataSource,
                "complete a saga's deadlines",
                c -> Jdbc.update(c, COMPLETE_ALL, ps -> ps.setObject(1, order.value())));
    }

    @Override
    public List<Deadline> pending() {
        return Jdbc.withConnection(
                dataSource,
                "list pending deadlines",
                c -> Jdbc.query(
                        c,
                        PENDING,
                        ps -> {},
                        rs -> new Deadline(
                                new OrderId(rs.getObject(1, UUID.class)), rs.getInt(2), Nanos.instant(rs.getLong(3)))));
    }
}
