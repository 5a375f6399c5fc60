package org.bookworm.ordering.adapter.grpc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bookworm.ordering.adapter.grpc.proto.internal.notification.v1.OrderFacts;
import org.bookworm.ordering.adapter.grpc.proto.internal.notification.v1.OrderLine;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.BuyerSnapshot;
import org.bookworm.ordering.core.ordering.OrderId;

/** An order's facts to and from the internal e-mail request, for both ends of the wire. */
final class OrderFactsWire {
    private OrderFactsWire() {}

    static OrderFacts toWire(org.bookworm.ordering.core.ordering.OrderFacts order) {
        var shipped = new HashMap<String, Integer>();
        order.shipped().forEach((book, copies) -> shipped.put(book.toString(), copies));
        var buyer = order.buyer();
        return OrderFacts.newBuilder()
                .setOrderId(order.id().toString())
                .setBuyerId(buyer.id().toString())
                .setBuyerName(buyer.name().value())
                .setBuyerEmail(buyer.email() == null ? "" : buyer.email().value())
                .setShippingAddress(Replies.address(order.shippingAddress()))
                .addAllLines(order.lines().stream().map(OrderFactsWire::line).toList())
                .setTotal(Replies.money(order.total()))
                .putAllShipped(shipped)
                .setPlacedAt(Replies.timestamp(order.placedAt()))
                .setDeleted(order.deleted())
                .build();
    }

    static org.bookworm.ordering.core.ordering.OrderFacts fromWire(boolean present, OrderFacts order) {
        if (!present) {
            throw new IllegalArgumentException("the order's facts are required");
        }
        var buyer = new BuyerSnapshot(
                BuyerId.parse(order.getBuyerId()),
                new PersonName(order.getBuyerName()),
                order.getBuyerEmail().isEmpty() ? null : new EmailAddress(order.getBuyerEmail()));
        return new org.bookworm.ordering.core.ordering.OrderFacts(
                OrderId.parse(order.getOrderId()),
                buyer,
                Wire.address(order.hasShippingAddress(), order.getShippingAddress()),
                lines(order.getLinesList()),
                Wire.money(order.getTotal()),
                shipped(order.getShippedMap()),
                Wire.instant(order.hasPlacedAt(), order.getPlacedAt()),
                order.getDeleted());
    }

    private static OrderLine line(org.bookworm.ordering.core.ordering.OrderLine line) {
        return OrderLine.newBuilder()
                .setBookId(line.book().toString())
                .setTitle(line.title().value())
                .setQuantity(line.quantity().value())
                .setUnitPrice(Replies.money(line.unitPrice()))
                .build();
    }

    private static List<org.bookworm.ordering.core.ordering.OrderLine> lines(List<OrderLine> lines) {
        return lines.stream()
                .map(line -> new org.bookworm.ordering.core.ordering.OrderLine(
                        BookId.parse(line.getBookId()),
                        new BookTitle(line.getTitle()),
                        Quantity.of(line.getQuantity()),
                        Wire.money(line.getUnitPrice())))
                .toList();
    }

    private static Map<BookId, Integer> shipped(Map<String, Integer> shipped) {
        var copies = new HashMap<BookId, Integer>();
        shipped.forEach((book, count) -> copies.put(BookId.parse(book), count));
        return copies;
    }
}
