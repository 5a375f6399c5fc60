package org.bookworm.ordering.core.ordering;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;

/** Keeps the order read models up to date from the log; idempotent by stream version. */
public final class OrderProjector implements EventHandler {
    public static final String NAME = "order-views";
    private final OrderViews views;

    public OrderProjector(OrderViews views) {
        this.views = views;
    }

    /** Every event of the order streams, the types this reader does not know included (they park, never pass). */
    @Override
    public EventFilter handles() {
        return EventFilter.streams(OrderService.STREAM);
    }

    /**
     * The views of the batch's orders, asked for at once (ADR 0046), saying which orders' streams begin in the batch:
     * their first event in it is the stream's first (ADR 0032, eighth pass).
     */
    @Override
    public void batchRead(List<RecordedEvent> batch) {
        var ids = new LinkedHashSet<OrderId>();
        var begun = new HashSet<OrderId>();
        for (RecordedEvent recorded : batch) {
            if (recorded.event() instanceof OrderEvent event && ids.add(event.orderId()) && recorded.version() == 1) {
                begun.add(event.orderId());
            }
        }
        if (!ids.isEmpty()) {
            views.prefetch(ids, begun);
        }
    }

    @Override
    public void handle(RecordedEvent recorded) {
        if (!(recorded.event() instanceof OrderEvent event)) {
            return;
        }
        OrderView current = views.find(event.orderId()).orElse(null);
        if (current != null && current.version() >= recorded.version()) {
            return; // redelivered
        }
        OrderView next = OrderProjection.apply(current, recorded);
        if (next == null) {
            throw new IllegalStateException(
                    "order view " + event.orderId() + " is at version " + (current == null ? 0 : current.version())
                            + " but the log delivered version " + recorded.version());
        }
        views.save(next);
    }
}
