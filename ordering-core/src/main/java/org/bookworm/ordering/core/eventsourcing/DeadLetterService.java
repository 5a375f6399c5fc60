package org.bookworm.ordering.core.eventsourcing;

import java.time.InstantSource;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What an operator does about held events: see every subscription's status, list what a subscription holds, retry
 * parked lanes (their events are handled again, in order, at the subscription's next pass) or drop a lane (its
 * events are never handled by that subscription: the one deliberate skip, and only by an operator). Works on the
 * stores alone, so it serves a running server and a command line against the database alike.
 */
public final class DeadLetterService {
    private final DeadLetters deadLetters;
    private final Checkpoints checkpoints;
    private final List<String> subscriptions;
    private final InstantSource clock;

    /** The answer to a retry or a drop. */
    public sealed interface Answer {
        /** Done: {@code lanes} lanes holding {@code events} events were retried or dropped. */
        record Done(int lanes, int events) implements Answer {}

        /** No subscription of that name; {@code known} lists those there are. */
        record UnknownSubscription(String name, List<String> known) implements Answer {}

        /** The subscription holds no such lane (never held, or already recovered or dropped). */
        record UnknownLane(String subscription, UUID lane) implements Answer {}
    }

    public DeadLetterService(
            DeadLetters deadLetters, Checkpoints checkpoints, List<String> subscriptions, InstantSource clock) {
        this.deadLetters = deadLetters;
        this.checkpoints = checkpoints;
        this.subscriptions = List.copyOf(subscriptions);
        this.clock = clock;
    }

    public List<String> subscriptions() {
        return subscriptions;
    }

    /** Every known subscription's checkpoint and held lanes. */
    public List<SubscriptionStatus> statuses() {
        return subscriptions.stream()
                .map(name -> SubscriptionStatus.of(name, checkpoints.load(name), deadLetters.lanes(name)))
                .toList();
    }

    /** The held lanes of one subscription (empty for an unknown one: see {@link #isKnown}). */
    public List<DeadLetters.Lane> lanes(String subscription) {
        return deadLetters.lanes(subscription);
    }

    /** Every held event of one subscription, lane by lane. */
    public List<DeadLetters.DeadLetter> list(String subscription) {
        return deadLetters.list(subscription);
    }

    public boolean isKnown(String subscription) {
        return subscriptions.contains(subscription);
    }

    /**
     * Makes a held lane (or, with no lane, every parked lane of the subscription) due for another attempt now, with
     * its count of failed attempts reset; the subscription handles its events in order at its next pass. A lane
     * that fails again is held again as its failure decides.
     */
    public Answer retry(String subscription, @Nullable UUID lane) {
        if (!isKnown(subscription)) {
            return new Answer.UnknownSubscription(subscription, subscriptions);
        }
        var chosen = deadLetters.lanes(subscription).stream()
                .filter(held -> lane == null
                        ? held.hold().status() == DeadLetters.Status.PARKED
                        : held.id().equals(lane))
                .toList();
        if (lane != null && chosen.isEmpty()) {
            return new Answer.UnknownLane(subscription, lane);
        }
        int events = 0;
        for (DeadLetters.Lane held : chosen) {
            var again =
                    DeadLetters.Hold.retrying(0, clock.instant(), held.hold().error());
            if (deadLetters.update(subscription, held.id(), again)) {
                events += held.events();
            }
        }
        return new Answer.Done(chosen.size(), events);
    }

    /** Removes one held lane and its events for good; they are never handled by this subscription. */
    public Answer drop(String subscription, UUID lane) {
        if (!isKnown(subscription)) {
            return new Answer.UnknownSubscription(subscription, subscriptions);
        }
        int events = deadLetters.drop(subscription, lane);
        return events == 0 ? new Answer.UnknownLane(subscription, lane) : new Answer.Done(1, events);
    }
}
