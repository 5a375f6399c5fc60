package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.testing.Property;
import org.junit.jupiter.api.Test;

/**
 * The held count that migration V4's triggers keep on each stock row must always equal what the open reservations
 * hold: after any sequence of reserve, adjust, commit (shipment) and release, every book's available stock is its
 * copies on hand minus the sum of what {@link Inventory#held} reports for each order.
 */
class InventoryHeldIT {
    private static final int BOOKS = 3;
    private static final int ORDERS = 5;

    @Test
    void availableStockIsAlwaysOnHandMinusWhatTheOpenReservationsHold() {
        Inventory inventory = ContractDatabase.empty().inventory();
        Property.check("held = sum of open reservation lines", 40, random -> random.nextLong(), seed -> {
            var random = new SplittableRandom(seed);
            var books = new ArrayList<BookId>();
            for (int b = 0; b < BOOKS; b++) {
                BookId book = new BookId(new UUID(random.nextLong(), random.nextLong() | 1));
                inventory.restock(book, 20 + random.nextInt(30));
                books.add(book);
            }
            var orders = new ArrayList<OrderId>();
            for (int o = 0; o < ORDERS; o++) {
                orders.add(new OrderId(new UUID(random.nextLong(), random.nextLong() | 1)));
            }
            for (int step = 0; step < 30; step++) {
                OrderId order = orders.get(random.nextInt(ORDERS));
                switch (random.nextInt(5)) {
                    case 0, 1 -> inventory.reserve(order, lines(random, books));
                    case 2 -> inventory.adjust(order, lines(random, books));
                    case 3 -> inventory.commit(order, UUID.randomUUID(), lines(random, books));
                    default -> inventory.release(order);
                }
                for (BookId book : books) {
                    int held = 0;
                    for (OrderId each : orders) {
                        held += inventory.held(each).stream()
                                .filter(line -> line.book().equals(book))
                                .mapToInt(line -> line.quantity().value())
                                .sum();
                    }
                    assertThat(inventory.available(book))
                            .as("book %s after step %d", book, step)
                            .isEqualTo(inventory.onHand(book) - held);
                }
            }
        });
    }

    private static List<LineQuantity> lines(SplittableRandom random, List<BookId> books) {
        var lines = new ArrayList<LineQuantity>();
        for (BookId book : books) {
            if (random.nextInt(3) > 0) {
                lines.add(new LineQuantity(book, Quantity.of(1 + random.nextInt(6))));
            }
        }
        if (lines.isEmpty()) {
            lines.add(new LineQuantity(books.get(0), Quantity.of(1)));
        }
        return lines;
    }
}
