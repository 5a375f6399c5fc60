package org.bookworm.ordering.core.eventsourcing;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a subscription is doing: its checkpoint, how many lanes wait to be retried (a failure that passes by waiting),
 * how many are parked (dead: an operator must retry or drop them), how many events they hold, and the most urgent
 * retrying lane's error and next attempt. Healthy means nothing is held.
 */
public record SubscriptionStatus(
        String name,
        LogPosition position,
        int retryingLanes,
        int parkedLanes,
        int heldEvents,
        @Nullable String lastError,
        @Nullable Instant nextAttempt) {

    public boolean healthy() {
        return retryingLanes == 0 && parkedLanes == 0;
    }

    static SubscriptionStatus of(String name, LogPosition position, List<DeadLetters.Lane> lanes) {
        var retrying = lanes.stream()
                .filter(lane -> lane.hold().status() == DeadLetters.Status.RETRYING)
                .toList();
        var soonest =
                retrying.stream().min(Comparator.comparing(lane -> lane.hold().nextAttempt()));
        var errorOf = soonest.or(() -> lanes.stream().findFirst());
        return new SubscriptionStatus(
                name,
                position,
                retrying.size(),
                lanes.size() - retrying.size(),
                lanes.stream().mapToInt(DeadLetters.Lane::events).sum(),
                errorOf.map(lane -> lane.hold().error()).orElse(null),
                soonest.map(lane -> lane.hold().nextAttempt()).orElse(null));
    }
}
