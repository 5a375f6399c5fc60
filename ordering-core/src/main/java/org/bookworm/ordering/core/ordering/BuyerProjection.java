package org.bookworm.ordering.core.ordering;

import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.ordering.BuyerEvent.BuyerAddressUpdated;
import org.bookworm.ordering.core.ordering.BuyerEvent.BuyerCreated;
import org.bookworm.ordering.core.ordering.BuyerEvent.BuyerDeleted;
import org.jspecify.annotations.Nullable;

/** The buyer read model as a pure fold of buyer events. */
final class BuyerProjection {
    private BuyerProjection() {}

    /** The view after {@code recorded}, or null when the event does not follow the view. */
    public static @Nullable BuyerView apply(@Nullable BuyerView view, RecordedEvent recorded) {
        long expected = view == null ? 1 : view.version() + 1;
        if (!(recorded.event() instanceof BuyerEvent event) || recorded.version() != expected) {
            return null;
        }
        long version = recorded.version();
        return switch (event) {
            case BuyerCreated e -> new BuyerView(e.buyerId(), e.name(), e.email(), e.address(), version, false);
            case BuyerAddressUpdated e ->
                view == null
                        ? null
                        : new BuyerView(view.id(), view.name(), view.email(), e.address(), version, view.deleted());
            case BuyerDeleted e ->
                view == null
                        ? null
                        : new BuyerView(view.id(), view.name(), view.email(), view.address(), version, true);
        };
    }
}
