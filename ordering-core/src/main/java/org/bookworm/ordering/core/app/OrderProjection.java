package org.bookworm.ordering.core.app;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bookworm.ordering.core.order.LineQuantity;
import org.bookworm.ordering.core.order.OrderEvent;
import org.bookworm.ordering.core.order.OrderEvent.ItemsShipped;
import org.bookworm.ordering.core.order.OrderEvent.OrderCancelled;
import org.bookworm.ordering.core.order.OrderEvent.OrderCompleted;
import org.bookworm.ordering.core.order.OrderEvent.OrderConfirmed;
import org.bookworm.ordering.core.order.OrderEvent.OrderDeleted;
import org.bookworm.ordering.core.order.OrderEvent.OrderFailed;
import org.bookworm.ordering.core.order.OrderEvent.OrderModified;
import org.bookworm.ordering.core.order.OrderEvent.OrderPlaced;
import org.bookworm.ordering.core.order.OrderStatus;
import org.bookworm.ordering.core.port.OrderView;
import org.bookworm.ordering.core.port.RecordedEvent;
import org.jspecify.annotations.Nullable;

/** The order read model as a pure fold of order events: the same code serves the live projection and "as of". */
public final class OrderProjection {
    private OrderProjection() {}

    /** The view after {@code recorded}, or null when the event does not follow the view (already applied, or a gap). */
    public static @Nullable OrderView apply(@Nullable OrderView view, RecordedEvent recorded) {
        long expected = view == null ? 1 : view.version() + 1;
        if (!(recorded.event() instanceof OrderEvent event) || recorded.version() != expected) {
            return null;
        }
        return evolve(view, event, recorded.version(), recorded.recordedAt());
    }

    public static @Nullable OrderView fold(List<RecordedEvent> events) {
        OrderView view = null;
        for (RecordedEvent event : events) {
            OrderView next = apply(view, event);
            if (next == null) {
                throw new IllegalStateException(
                        "order stream " + event.stream() + " is not contiguous at " + event.version());
            }
            view = next;
        }
        return view;
    }

    private static OrderView evolve(@Nullable OrderView view, OrderEvent event, long version, Instant at) {
        if (event instanceof OrderPlaced placed) {
            var lines = placed.lines().stream()
                    .map(l ->
                            new OrderView.Line(l.book(), l.title(), l.quantity().value(), 0, l.unitPrice()))
                    .toList();
            return new OrderView(
                    placed.orderId(),
                    placed.buyer().id(),
                    placed.buyer().name(),
                    placed.buyer().email(),
                    OrderStatus.PLACED,
                    lines,
                    placed.total(),
                    placed.shippingAddress(),
                    placed.at(),
                    at,
                    version,
                    false);
        }
        if (view == null) {
            throw new IllegalStateException("an order stream starts with OrderPlaced, not " + event);
        }
        return switch (event) {
            case OrderPlaced e -> throw new IllegalStateException("order placed twice: " + e.orderId());
            case OrderConfirmed e -> with(view, OrderStatus.CONFIRMED, view.lines(), version, at);
            case OrderFailed e -> with(view, OrderStatus.FAILED, view.lines(), version, at);
            case OrderCancelled e -> with(view, OrderStatus.CANCELLED, view.lines(), version, at);
            case OrderCompleted e -> with(view, OrderStatus.COMPLETED, view.lines(), version, at);
            case OrderModified e ->
                new OrderView(
                        view.id(),
                        view.buyer(),
                        view.buyerName(),
                        view.buyerEmail(),
                        view.status(),
                        e.lines().stream()
                                .map(l -> new OrderView.Line(
                                        l.book(), l.title(), l.quantity().value(), 0, l.unitPrice()))
                                .toList(),
                        e.total(),
                        e.shippingAddress(),
                        view.placedAt(),
                        at,
                        version,
                        false);
            case ItemsShipped e -> shipped(view, e.lines(), version, at);
            case OrderDeleted e ->
                new OrderView(
                        view.id(),
                        view.buyer(),
                        view.buyerName(),
                        view.buyerEmail(),
                        view.status(),
                        view.lines(),
                        view.total(),
                        view.shippingAddress(),
                        view.placedAt(),
                        at,
                        version,
                        true);
        };
    }

    private static OrderView shipped(OrderView view, List<LineQuantity> shipment, long version, Instant at) {
        var lines = new ArrayList<OrderView.Line>();
        boolean allShipped = true;
        for (OrderView.Line line : view.lines()) {
            int more = shipment.stream()
                    .filter(s -> s.book().equals(line.book()))
                    .mapToInt(s -> s.quantity().value())
                    .sum();
            var after = new OrderView.Line(
                    line.book(), line.title(), line.quantity(), line.shipped() + more, line.unitPrice());
            allShipped &= after.shipped() == after.quantity();
            lines.add(after);
        }
        return with(view, allShipped ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED, lines, version, at);
    }

    private static OrderView with(
            OrderView view, OrderStatus status, List<OrderView.Line> lines, long version, Instant at) {
        return new OrderView(
                view.id(),
                view.buyer(),
                view.buyerName(),
                view.buyerEmail(),
                status,
                lines,
                view.total(),
                view.shippingAddress(),
                view.placedAt(),
                at,
                version,
                view.deleted());
    }
}
