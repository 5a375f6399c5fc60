package org.bookworm.ordering.core.app;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.order.OrderEvent;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.order.OrderStatus;
import org.bookworm.ordering.core.port.EventStore;
import org.bookworm.ordering.core.port.EventStream;
import org.bookworm.ordering.core.port.OrderQuery;
import org.bookworm.ordering.core.port.OrderSummary;
import org.bookworm.ordering.core.port.OrderView;
import org.bookworm.ordering.core.port.OrderViews;
import org.bookworm.ordering.core.port.Page;
import org.bookworm.ordering.core.port.PageRequest;
import org.bookworm.ordering.core.port.RecordedEvent;
import org.jspecify.annotations.Nullable;

/**
 * Ordering's reads. Current state comes from the read models; history and "as of" come from the stream itself. A
 * buyer sees only their own, non-deleted orders; admins see all, and the history of deleted ones too.
 */
public final class OrderQueries {
    private final OrderViews views;
    private final EventStore events;

    public OrderQueries(OrderViews views, EventStore events) {
        this.views = views;
        this.events = events;
    }

    public Optional<OrderView> find(Caller caller, OrderId order) {
        return views.find(order).filter(view -> !view.deleted() && caller.mayActOn(view.buyer()));
    }

    /** Buyers always list their own orders; admins may filter by buyer or list all. */
    public Page<OrderSummary> list(
            Caller caller, @Nullable BuyerId buyer, @Nullable OrderStatus status, PageRequest page) {
        BuyerId scope = caller.isAdmin() || caller.isSystem() ? buyer : caller.buyerId();
        return views.list(new OrderQuery(scope, status, page));
    }

    /** Every event of the order, oldest first; empty when the caller may not see it. */
    public List<RecordedEvent> history(Caller caller, OrderId order) {
        EventStream stream = events.load(OrderService.stream(order));
        return visible(caller, stream) ? stream.events() : List.of();
    }

    /** The order as it was at {@code instant}: its events recorded until then, folded by the read-model projection. */
    public Optional<OrderView> asOf(Caller caller, OrderId order, Instant instant) {
        EventStream stream = events.loadAsOf(OrderService.stream(order), instant);
        if (!visible(caller, events.load(OrderService.stream(order))) || stream.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(OrderProjection.fold(stream.events()));
    }

    private static boolean visible(Caller caller, EventStream stream) {
        if (stream.isEmpty() || !(stream.events().get(0).event() instanceof OrderEvent.OrderPlaced placed)) {
            return false;
        }
        boolean deleted = stream.events().stream().anyMatch(e -> e.event() instanceof OrderEvent.OrderDeleted);
        return caller.mayActOn(placed.buyer().id()) && (!deleted || caller.isAdmin());
    }
}
