package org.bookworm.ordering.core.ordering;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.Page;
import org.bookworm.ordering.core.common.PageRequest;
import org.bookworm.ordering.core.common.Permission;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.EventStream;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.jspecify.annotations.Nullable;

/**
 * Ordering's reads, with the consistency each gives (ADR 0019). One order, its history and "as of" are read from the
 * order's own stream: strongly consistent, so a caller reads its own writes at once. Lists come from the read model,
 * which follows the log a moment behind (eventually consistent). A buyer sees only their own, non-deleted orders;
 * admins see all, and the history of deleted ones too.
 */
public final class OrderQueries {
    private final OrderViews views;
    private final EventStore events;

    public OrderQueries(OrderViews views, EventStore events) {
        this.views = views;
        this.events = events;
    }

    /**
     * The order as its stream says now, folded by the same code as the read model: every write acknowledged before
     * the call is in it.
     */
    public Optional<OrderView> find(Caller caller, OrderId order) {
        EventStream stream = events.load(OrderService.stream(order));
        return Optional.ofNullable(stream.isEmpty() ? null : OrderProjection.fold(stream.events()))
                .filter(view -> !view.deleted() && Permission.OWNER.grants(caller, view.buyer()));
    }

    /**
     * Buyers always list their own orders; admins may filter by buyer or list all. From the read model: an order
     * appears once the projection has reached it (docs/reliability.md gives the lag).
     */
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
        return Permission.OWNER.grants(caller, placed.buyer().id()) && (!deleted || caller.isAdmin());
    }
}
