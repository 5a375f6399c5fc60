package org.bookworm.ordering.core.ordering;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.ordering.OrderEvent.ItemsShipped;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderCancelled;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderCompleted;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderConfirmed;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderDeleted;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderFailed;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderModified;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderPlaced;
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
            return new OrderView(
                    placed.orderId(),
                    placed.buyer().id(),
                    placed.buyer().name(),
                    placed.buyer().email(),
                    OrderStatus.PLACED,
                    unshipped(placed.lines()),
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
        var next = new Change(view, version, at);
        return switch (event) {
            case OrderPlaced e -> throw new IllegalStateException("order placed twice: " + e.orderId());
            case OrderConfirmed e -> next.status(OrderStatus.CONFIRMED);
            case OrderFailed e -> next.status(OrderStatus.FAILED);
            case OrderCancelled e -> next.status(OrderStatus.CANCELLED);
            case OrderCompleted e -> next.status(OrderStatus.COMPLETED);
            case OrderModified e -> next.modified(unshipped(e.lines()), e);
            case ItemsShipped e -> shipped(next, e.lines());
            case OrderDeleted e -> next.deleted();
        };
    }

    /** Lines as placed or modified: nothing has shipped yet (modifications end at the first shipment). */
    private static List<OrderView.Line> unshipped(List<OrderLine> lines) {
        return lines.stream()
                .map(l -> new OrderView.Line(l.book(), l.title(), l.quantity().value(), 0, l.unitPrice()))
                .toList();
    }

    /** The view at the next version: the same order with one thing changed. */
    private record Change(OrderView view, long version, Instant at) {
        OrderView status(OrderStatus status) {
            return with(status, view.lines(), view.deleted());
        }

        OrderView deleted() {
            return with(view.status(), view.lines(), true);
        }

        OrderView with(OrderStatus status, List<OrderView.Line> lines, boolean deleted) {
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
                    deleted);
        }

        OrderView modified(List<OrderView.Line> lines, OrderModified modified) {
            return new OrderView(
                    view.id(),
                    view.buyer(),
                    view.buyerName(),
                    view.buyerEmail(),
                    view.status(),
                    lines,
                    modified.total(),
                    modified.shippingAddress(),
                    view.placedAt(),
                    at,
                    version,
                    view.deleted());
        }
    }

    private static OrderView shipped(Change next, List<LineQuantity> shipment) {
        var lines = new ArrayList<OrderView.Line>();
        boolean allShipped = true;
        for (OrderView.Line line : next.view().lines()) {
            int more = shipment.stream()
                    .filter(s -> s.book().equals(line.book()))
                    .mapToInt(s -> s.quantity().value())
                    .sum();
            var after = new OrderView.Line(
                    line.book(), line.title(), line.quantity(), line.shipped() + more, line.unitPrice());
            allShipped &= after.shipped() == after.quantity();
            lines.add(after);
        }
        return next.with(
                allShipped ? OrderStatus.SHIPPED : OrderStatus.PARTIALLY_SHIPPED,
                lines,
                next.view().deleted());
    }
}
