package org.bookworm.ordering.adapter.grpc;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;

/** A real inventory whose reservations wait until {@code release} opens: Basket alive but too slow to answer. */
final class StuckInventory implements Inventory {
    private final Inventory inventory;
    private final CountDownLatch release;

    StuckInventory(Inventory inventory, CountDownLatch release) {
        this.inventory = inventory;
        this.release = release;
    }

    @Override
    public Answer reserve(OrderId order, List<LineQuantity> lines) {
        try {
            release.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        return inventory.reserve(order, lines);
    }

    @Override
    public void restock(BookId book, int onHand) {
        inventory.restock(book, onHand);
    }

    @Override
    public Receipt receive(BookId book, UUID receipt, int copies) {
        return inventory.receive(book, receipt, copies);
    }

    @Override
    public StockLevel stock(BookId book) {
        return inventory.stock(book);
    }

    @Override
    public int onHand(BookId book) {
        return inventory.onHand(book);
    }

    @Override
    public int available(BookId book) {
        return inventory.available(book);
    }

    @Override
    public List<LineQuantity> held(OrderId order) {
        return inventory.held(order);
    }

    @Override
    public Answer adjust(OrderId order, List<LineQuantity> lines) {
        return inventory.adjust(order, lines);
    }

    @Override
    public void release(OrderId order) {
        inventory.release(order);
    }

    @Override
    public void commit(OrderId order, UUID shipment, List<LineQuantity> lines) {
        inventory.commit(order, shipment, lines);
    }
}
