package org.bookworm.ordering.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.BuyerSnapshot;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderModified;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderPlaced;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderLine;

/**
 * Realistic order streams for every workload: an {@code OrderPlaced} with two lines, then {@code OrderModified}
 * events that change a quantity back and forth, so any prefix folds with {@code OrderDecider} and projects with
 * {@code OrderProjection}, and every subject stores the same payloads.
 */
final class OrderStreams {
    static final Currency USD = Money.currency("USD");
    private static final BookId DUNE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000001"));
    private static final BookId NEUROMANCER = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000002"));
    private static final Address ADDRESS = new Address("123 Main St", "Seattle", "WA");
    private static final BuyerSnapshot BUYER = new BuyerSnapshot(
            new BuyerId(UUID.fromString("0192f0c8-0000-7000-8000-0000000000a1")),
            new PersonName("Alice Liddell"),
            new EmailAddress("alice@example.com"));

    private OrderStreams() {}

    /** Event number {@code index} (from 0) of the order's stream, stamped {@code at}. */
    static OrderEvent event(UUID stream, long index, Instant at) {
        OrderId order = new OrderId(stream);
        if (index == 0) {
            List<OrderLine> lines = lines(2);
            return new OrderPlaced(order, BUYER, ADDRESS, lines, total(lines), at);
        }
        List<OrderLine> lines = lines(2 + (int) (index % 7));
        return new OrderModified(order, lines, total(lines), ADDRESS, at);
    }

    /** Events {@code from} to {@code from + count - 1} of the order's stream. */
    static List<OrderEvent> events(UUID stream, long from, int count, Instant at) {
        var events = new ArrayList<OrderEvent>(count);
        for (int i = 0; i < count; i++) {
            events.add(event(stream, from + i, at));
        }
        return events;
    }

    static List<OrderLine> lines(int duneCopies) {
        return List.of(
                new OrderLine(DUNE, new BookTitle("Dune"), Quantity.of(duneCopies), new Money(1250, USD)),
                new OrderLine(NEUROMANCER, new BookTitle("Neuromancer"), Quantity.of(1), new Money(999, USD)));
    }

    static Money total(List<OrderLine> lines) {
        Money total = Money.zero(USD);
        for (OrderLine line : lines) {
            total = total.plus(line.lineTotal());
        }
        return total;
    }
}
