package org.bookworm.ordering.core.ordering;

import java.util.LinkedHashSet;
import java.util.List;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;

/** Keeps the buyer read model up to date from the log; idempotent by stream version. */
public final class BuyerProjector implements EventHandler {
    public static final String NAME = "buyer-views";
    private final BuyerViews views;

    public BuyerProjector(BuyerViews views) {
        this.views = views;
    }

    /** Every event of the buyer streams, the types this reader does not know included (they park, never pass). */
    @Override
    public EventFilter handles() {
        return EventFilter.streams(BuyerService.STREAM);
    }

    /** The views of the batch's buyers, asked for at once (ADR 0046). */
    @Override
    public void batchRead(List<RecordedEvent> batch) {
        var ids = new LinkedHashSet<BuyerId>();
        for (RecordedEvent recorded : batch) {
            if (recorded.event() instanceof BuyerEvent event) {
                ids.add(event.buyerId());
            }
        }
        if (!ids.isEmpty()) {
            views.prefetch(ids);
        }
    }

    @Override
    public void handle(RecordedEvent recorded) {
        if (!(recorded.event() instanceof BuyerEvent event)) {
            return;
        }
        BuyerView current = views.find(event.buyerId()).orElse(null);
        if (current != null && current.version() >= recorded.version()) {
            return;
        }
        BuyerView next = BuyerProjection.apply(current, recorded);
        if (next == null) {
            throw new IllegalStateException(
                    "buyer view " + event.buyerId() + " cannot take version " + recorded.version());
        }
        views.save(next);
    }
}
