package org.bookworm.ordering.archfixture.widget;

import java.time.Instant;

/** A sealed event family with a member that is not a record, stamped with the wall clock: two rule violations. */
public sealed interface WidgetEvent {
    record WidgetMade(Instant at) implements WidgetEvent {}

    final class WidgetBroken implements WidgetEvent {
        final Instant at = Instant.now();
    }
}
