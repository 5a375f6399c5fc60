package org.bookworm.ordering.core.ordering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Published;
import org.bookworm.ordering.core.common.Quantity;

/** What every placed order knows about itself, whatever its stage. */
@Published
public record OrderFacts(
        OrderId id,
        BuyerSnapshot buyer,
        Address shippingAddress,
        List<OrderLine> lines,
        Money total,
        Map<BookId, Integer> shipped,
        Instant placedAt,
        boolean deleted) {

    public OrderFacts {
        lines = List.copyOf(lines);
        shipped = Map.copyOf(shipped);
    }

    static OrderFacts placed(OrderEvent.OrderPlaced event) {
        return new OrderFacts(
                event.orderId(),
                event.buyer(),
                event.shippingAddress(),
                event.lines(),
                event.total(),
                Map.of(),
                event.at(),
                false);
    }

    public Optional<OrderLine> line(BookId book) {
        return lines.stream().filter(line -> line.book().equals(book)).findFirst();
    }

    public int shippedOf(BookId book) {
        return shipped.getOrDefault(book, 0);
    }

    public int openOf(BookId book) {
        return line(book).map(line -> line.quantity().value() - shippedOf(book)).orElse(0);
    }

    /** What is still to ship, line by line, leaving out lines shipped in full. */
    public List<LineQuantity> open() {
        var open = new ArrayList<LineQuantity>();
        for (OrderLine line : lines) {
            int left = openOf(line.book());
            if (left > 0) {
                open.add(new LineQuantity(line.book(), Quantity.of(left)));
            }
        }
        return open;
    }

    /** The value of a list of line quantities at this order's unit prices. */
    public Money valueOf(List<LineQuantity> quantities) {
        Money value = Money.zero(total.currency());
        for (LineQuantity quantity : quantities) {
            value = value.plus(line(quantity.book())
                    .orElseThrow()
                    .unitPrice()
                    .times(quantity.quantity().value()));
        }
        return value;
    }

    OrderFacts modified(OrderEvent.OrderModified event) {
        return new OrderFacts(
                id, buyer, event.shippingAddress(), event.lines(), event.total(), shipped, placedAt, deleted);
    }

    OrderFacts shipping(List<LineQuantity> shipment) {
        var after = new HashMap<>(shipped);
        shipment.forEach(line -> after.merge(line.book(), line.quantity().value(), Integer::sum));
        return new OrderFacts(id, buyer, shippingAddress, lines, total, after, placedAt, deleted);
    }

    OrderFacts markDeleted() {
        return new OrderFacts(id, buyer, shippingAddress, lines, total, shipped, placedAt, true);
    }
}
