package org.bookworm.ordering.core.inmemory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bookworm.ordering.core.basket.Inventories;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;

/** The inventory in maps behind one lock, so every operation is atomic. */
public final class InMemoryInventory implements Inventory {
    private final Map<BookId, Integer> onHand = new HashMap<>();
    private final Map<OrderId, Map<BookId, Integer>> open = new HashMap<>();
    private final Set<OrderId> closed = new HashSet<>();
    private final Set<UUID> committed = new HashSet<>();
    private final Map<UUID, Received> receipts = new HashMap<>();

    private record Received(BookId book, int copies, int onHandAfter) {}

    @Override
    public synchronized void restock(BookId book, int copies) {
        if (copies < 0) {
            throw new IllegalArgumentException("copies on hand cannot be negative: " + copies);
        }
        onHand.put(book, copies);
    }

    @Override
    public synchronized Receipt receive(BookId book, UUID receipt, int copies) {
        Inventories.requireReceivable(copies);
        Received first = receipts.get(receipt);
        if (first != null) {
            return first.book().equals(book) && first.copies() == copies
                    ? new Receipt.Received(first.onHandAfter())
                    : new Receipt.ReceiptReused();
        }
        int after = Math.addExact(onHand(book), copies);
        onHand.put(book, after);
        receipts.put(receipt, new Received(book, copies, after));
        return new Receipt.Received(after);
    }

    @Override
    public synchronized StockLevel stock(BookId book) {
        return new StockLevel(onHand(book), onHand(book) - available(book));
    }

    @Override
    public synchronized int onHand(BookId book) {
        return onHand.getOrDefault(book, 0);
    }

    @Override
    public synchronized int available(BookId book) {
        int held = open.values().stream()
                .mapToInt(lines -> lines.getOrDefault(book, 0))
                .sum();
        return onHand(book) - held;
    }

    @Override
    public synchronized List<LineQuantity> held(OrderId order) {
        var lines = new ArrayList<LineQuantity>();
        open.getOrDefault(order, Map.of()).forEach((book, copies) -> {
            if (copies > 0) {
                lines.add(new LineQuantity(book, Quantity.of(copies)));
            }
        });
        return lines;
    }

    @Override
    public synchronized Answer reserve(OrderId order, List<LineQuantity> lines) {
        if (closed.contains(order)) {
            return new Answer.Closed();
        }
        if (open.containsKey(order)) {
            return new Answer.Reserved();
        }
        return hold(order, lines, Map.of());
    }

    @Override
    public synchronized Answer adjust(OrderId order, List<LineQuantity> lines) {
        Map<BookId, Integer> current = open.get(order);
        if (current == null) {
            return new Answer.Closed();
        }
        return hold(order, lines, current);
    }

    private Answer hold(OrderId order, List<LineQuantity> lines, Map<BookId, Integer> current) {
        var shortBooks = new ArrayList<BookId>();
        for (LineQuantity line : lines) {
            if (available(line.book()) + current.getOrDefault(line.book(), 0)
                    < line.quantity().value()) {
                shortBooks.add(line.book());
            }
        }
        if (!shortBooks.isEmpty()) {
            return new Answer.OutOfStock(shortBooks);
        }
        var held = new LinkedHashMap<BookId, Integer>();
        lines.forEach(line -> held.put(line.book(), line.quantity().value()));
        open.put(order, held);
        return new Answer.Reserved();
    }

    @Override
    public synchronized void release(OrderId order) {
        open.remove(order);
        closed.add(order);
    }

    @Override
    public synchronized void commit(OrderId order, UUID shipment, List<LineQuantity> lines) {
        if (!committed.add(shipment)) {
            return;
        }
        Map<BookId, Integer> held = open.get(order);
        for (LineQuantity line : lines) {
            int copies = line.quantity().value();
            onHand.put(line.book(), Math.max(0, onHand(line.book()) - copies));
            if (held != null) {
                held.computeIfPresent(line.book(), (book, count) -> Math.max(0, count - copies));
            }
        }
    }
}
