package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookworm.ordering.core.basket.Inventories;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Stock and reservations. Every method is one transaction: it takes the order's advisory lock (so two reserves of one
 * order cannot both hold) and locks the stock rows of the books it checks, in id order so no two reservations
 * deadlock; available stock is on hand minus what open reservations hold, computed under those locks.
 */
final class PostgresInventory implements Inventory {
    private final DataSource dataSource;

    PostgresInventory(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void restock(BookId book, int copies) {
        if (copies < 0) {
            throw new IllegalArgumentException("copies on hand cannot be negative: " + copies);
        }
        Jdbc.withConnection(
                dataSource,
                "restock",
                c -> Jdbc.update(
                        c,
                        "INSERT INTO basket.stock (book_id, on_hand) VALUES (?, ?)"
                                + " ON CONFLICT (book_id) DO UPDATE SET on_hand = EXCLUDED.on_hand",
                        ps -> {
                            ps.setObject(1, book.value());
                            ps.setInt(2, copies);
                        }));
    }

    @Override
    public Receipt receive(BookId book, UUID receipt, int copies) {
        Inventories.requireReceivable(copies);
        return Jdbc.inTransaction(dataSource, "receive stock", c -> {
            // the receipt row first: a second transaction with the same receipt waits here for the first to commit,
            // then inserts nothing and answers what the first recorded
            int claimed = Jdbc.update(
                    c,
                    "INSERT INTO basket.stock_receipts (receipt_id, book_id, copies) VALUES (?, ?, ?)"
                            + " ON CONFLICT (receipt_id) DO NOTHING",
                    ps -> {
                        ps.setObject(1, receipt);
                        ps.setObject(2, book.value());
                        ps.setInt(3, copies);
                    });
            if (claimed == 0) {
                return recorded(c, receipt, book, copies);
            }
            int after = Jdbc.query(
                            c,
                            "INSERT INTO basket.stock (book_id, on_hand) VALUES (?, ?) ON CONFLICT (book_id)"
                                    + " DO UPDATE SET on_hand = basket.stock.on_hand + EXCLUDED.on_hand"
                                    + " RETURNING on_hand",
                            ps -> {
                                ps.setObject(1, book.value());
                                ps.setInt(2, copies);
                            },
                            rs -> rs.getInt(1))
                    .getFirst();
            Jdbc.update(c, "UPDATE basket.stock_receipts SET on_hand_after = ? WHERE receipt_id = ?", ps -> {
                ps.setInt(1, after);
                ps.setObject(2, receipt);
            });
            return new Receipt.Received(after);
        });
    }

    private static Receipt recorded(Connection c, UUID receipt, BookId book, int copies) throws SQLException {
        return Jdbc.query(
                        c,
                        "SELECT book_id, copies, on_hand_after FROM basket.stock_receipts WHERE receipt_id = ?",
                        ps -> ps.setObject(1, receipt),
                        rs -> rs.getObject(1, UUID.class).equals(book.value()) && rs.getInt(2) == copies
                                ? (Receipt) new Receipt.Received(rs.getInt(3))
                                : new Receipt.ReceiptReused())
                .getFirst();
    }

    @Override
    public StockLevel stock(BookId book) {
        return Jdbc.withConnection(
                dataSource,
                "read stock",
                c -> Jdbc.query(
                                c,
                                // one row read: on hand and V4's held sum as of the same moment
                                "SELECT on_hand, held FROM basket.stock WHERE book_id = ?",
                                ps -> ps.setObject(1, book.value()),
                                rs -> new StockLevel(rs.getInt(1), rs.getInt(2)))
                        .stream()
                        .findFirst()
                        .orElse(new StockLevel(0, 0)));
    }

    @Override
    public int onHand(BookId book) {
        return Jdbc.withConnection(dataSource, "read stock", c -> onHand(c, book));
    }

    private static int onHand(Connection c, BookId book) throws SQLException {
        return Jdbc.query(
                        c,
                        "SELECT on_hand FROM basket.stock WHERE book_id = ?",
                        ps -> ps.setObject(1, book.value()),
                        rs -> rs.getInt(1))
                .stream()
                .findFirst()
                .orElse(0);
    }

    @Override
    public int available(BookId book) {
        return Jdbc.withConnection(dataSource, "read available stock", c -> onHand(c, book) - heldOf(c, book));
    }

    private static int heldOf(Connection c, BookId book) throws SQLException {
        return Jdbc.query(
                        c,
                        // kept by V4's triggers: the sum of the book's open reservation lines
                        "SELECT coalesce((SELECT held FROM basket.stock WHERE book_id = ?), 0)",
                        ps -> ps.setObject(1, book.value()),
                        rs -> rs.getInt(1))
                .get(0);
    }

    @Override
    public List<LineQuantity> held(OrderId order) {
        return Jdbc.withConnection(dataSource, "read a reservation", c -> held(c, order));
    }

    private static List<LineQuantity> held(Connection c, OrderId order) throws SQLException {
        return Jdbc.query(
                c,
                "SELECT l.book_id, l.quantity FROM basket.reservation_lines l JOIN basket.reservations r"
                        + " ON r.order_id = l.order_id WHERE r.open AND l.order_id = ? AND l.quantity > 0"
                        + " ORDER BY l.line_no",
                ps -> ps.setObject(1, order.value()),
                rs -> new LineQuantity(new BookId(rs.getObject(1, UUID.class)), Quantity.of(rs.getInt(2))));
    }

    /**
     * The reservation, committed without waiting for its WAL to reach the disk (ADR 0061): the books' stock rows are
     * unlocked as soon as it commits, not a disk flush later, and what makes it durable is the next commit that
     * depends on it, which flushes the WAL up to itself and so the reservation's commit before it (the saga's append
     * that records the answer; another order's reservation that saw the stock it took). A crash of PostgreSQL before
     * that can lose the reservation only with everything after it: the saga then reserves again, under the same order.
     * {@code set_config(..., true)} is local to the statement's own transaction (autocommit), read at its commit.
     */
    static final String RESERVE = "SELECT r.answer, r.short_books"
            + " FROM (SELECT set_config('synchronous_commit', 'off', true)) AS async, basket.reserve(?, ?, ?, ?) AS r";

    @Override
    public Answer reserve(OrderId order, List<LineQuantity> lines) {
        // one statement in its own transaction (basket.reserve, ADR 0044): the books' stock rows are locked only while
        // it runs and commits, never across a round trip, so checkouts of a popular book do not queue on its row
        UUID[] books = lines.stream().map(line -> line.book().value()).toArray(UUID[]::new);
        Integer[] quantities =
                lines.stream().map(line -> line.quantity().value()).toArray(Integer[]::new);
        return Jdbc.withConnection(
                        dataSource,
                        "reserve",
                        c -> Jdbc.query(
                                c,
                                RESERVE,
                                ps -> {
                                    ps.setObject(1, order.value());
                                    ps.setArray(2, c.createArrayOf("uuid", books));
                                    ps.setArray(3, c.createArrayOf("int4", quantities));
                                    ps.setInt(4, ReservationRows.LOCK_CLASS);
                                },
                                PostgresInventory::answer))
                .getFirst();
    }

    private static Answer answer(ResultSet rs) throws SQLException {
        return switch (rs.getString(1)) {
            case "reserved" -> new Answer.Reserved();
            case "closed" -> new Answer.Closed();
            case "out_of_stock" ->
                new Answer.OutOfStock(Arrays.stream((Object[]) rs.getArray(2).getArray())
                        .map(book -> new BookId((UUID) book))
                        .toList());
            default -> throw new IllegalStateException("basket.reserve answered " + rs.getString(1));
        };
    }

    @Override
    public Answer adjust(OrderId order, List<LineQuantity> lines) {
        return Jdbc.inTransaction(dataSource, "adjust a reservation", c -> {
            ReservationRows.lockOrder(c, order);
            if (!ReservationRows.state(c, order).orElse(false)) {
                return new Answer.Closed();
            }
            var current = new HashMap<BookId, Integer>();
            for (LineQuantity line : held(c, order)) {
                current.put(line.book(), line.quantity().value());
            }
            return hold(c, order, lines, current);
        });
    }

    /** An open reservation's new lines, when the stock freed by its current ones ({@code current}) and more allow. */
    private static Answer hold(Connection c, OrderId order, List<LineQuantity> lines, Map<BookId, Integer> current)
            throws SQLException {
        // One statement (issue 13: it was one per book, then two per line): the books' stock rows locked in id order,
        // so no two reservations deadlock, and what each has on hand and holds, read under that lock. A book with no
        // stock row has none.
        UUID[] books =
                lines.stream().map(line -> line.book().value()).distinct().toArray(UUID[]::new);
        var free = new HashMap<UUID, Integer>();
        Jdbc.query(
                        c,
                        "SELECT book_id, on_hand - held FROM basket.stock WHERE book_id = ANY (?)"
                                + " ORDER BY book_id FOR UPDATE",
                        ps -> ps.setArray(1, c.createArrayOf("uuid", books)),
                        rs -> Map.entry(rs.getObject(1, UUID.class), rs.getInt(2)))
                .forEach(row -> free.put(row.getKey(), row.getValue()));
        var shortBooks = new ArrayList<BookId>();
        for (LineQuantity line : lines) {
            int left = free.getOrDefault(line.book().value(), 0) + current.getOrDefault(line.book(), 0);
            if (left < line.quantity().value()) {
                shortBooks.add(line.book());
            }
        }
        if (!shortBooks.isEmpty()) {
            return new Answer.OutOfStock(shortBooks);
        }
        ReservationRows.replaceLines(c, order, lines);
        return new Answer.Reserved();
    }

    @Override
    public void release(OrderId order) {
        Jdbc.inTransaction(dataSource, "release a reservation", c -> {
            ReservationRows.lockOrder(c, order);
            Jdbc.update(
                    c,
                    "INSERT INTO basket.reservations (order_id, open) VALUES (?, false)"
                            + " ON CONFLICT (order_id) DO UPDATE SET open = false",
                    ps -> ps.setObject(1, order.value()));
            return Jdbc.update(
                    c, "DELETE FROM basket.reservation_lines WHERE order_id = ?", ps -> ps.setObject(1, order.value()));
        });
    }

    @Override
    public void commit(OrderId order, UUID shipment, List<LineQuantity> lines) {
        Jdbc.inTransaction(dataSource, "commit a shipment", c -> {
            ReservationRows.lockOrder(c, order);
            int first = Jdbc.update(
                    c,
                    "INSERT INTO basket.shipments (shipment_id, order_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    ps -> {
                        ps.setObject(1, shipment);
                        ps.setObject(2, order.value());
                    });
            if (first == 0) {
                return null; // this shipment was committed before
            }
            for (LineQuantity line : lines) {
                int copies = line.quantity().value();
                Jdbc.update(c, "UPDATE basket.stock SET on_hand = greatest(0, on_hand - ?) WHERE book_id = ?", ps -> {
                    ps.setInt(1, copies);
                    ps.setObject(2, line.book().value());
                });
                Jdbc.update(
                        c,
                        "UPDATE basket.reservation_lines l SET quantity = greatest(0, l.quantity - ?)"
                                + " FROM basket.reservations r WHERE r.order_id = l.order_id AND r.open"
                                + " AND l.order_id = ? AND l.book_id = ?",
                        ps -> {
                            ps.setInt(1, copies);
                            ps.setObject(2, order.value());
                            ps.setObject(3, line.book().value());
                        });
            }
            return null;
        });
    }
}
