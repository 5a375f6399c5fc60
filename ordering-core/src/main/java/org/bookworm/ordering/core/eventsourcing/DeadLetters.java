package org.bookworm.ordering.core.eventsourcing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Driven port: the events a subscription holds back, lane by lane. A lane is the stream id an event belongs to (an
 * order's {@code order-}, {@code checkout-} and {@code payment-} streams share one), so everything that happens to
 * one order stays in log order. When a handler fails, its event starts a held lane and every later event of that lane
 * queues behind it, while the subscription's checkpoint moves on and other lanes keep flowing.
 *
 * <p>A lane is {@link Status#RETRYING} when its failure can pass by waiting: the subscription tries its first event
 * again once {@code nextAttempt} has come. It is {@link Status#PARKED} (dead) when its failure cannot pass by
 * waiting: it stays until an operator retries or drops it. Every implementation passes {@code DeadLettersContract}.
 */
public interface DeadLetters {

    enum Status {
        RETRYING,
        PARKED
    }

    /** Where a held lane stands: its status, how often its first event failed, when to try next, and why. */
    record Hold(Status status, int attempts, Instant nextAttempt, String error) {
        public Hold {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(nextAttempt, "next attempt");
            Objects.requireNonNull(error, "error");
            if (attempts < 0) {
                throw new IllegalArgumentException("attempts are never negative");
            }
        }

        public static Hold retrying(int attempts, Instant nextAttempt, String error) {
            return new Hold(Status.RETRYING, attempts, nextAttempt, error);
        }

        public static Hold parked(int attempts, Instant at, String error) {
            return new Hold(Status.PARKED, attempts, at, error);
        }
    }

    /** One held lane of a subscription and how many events wait in it. */
    record Lane(String subscription, UUID id, Hold hold, int events) {
        public Lane {
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(id, "lane id");
            Objects.requireNonNull(hold, "hold");
        }
    }

    /** One held event, with the status of its lane and the reason the lane is held. */
    record DeadLetter(String subscription, RecordedEvent event, Status status, String error) {}

    /**
     * Adds {@code event} to the tail of its lane. A lane that is not held yet starts in {@code hold}; a held lane keeps
     * its state. An event already held, or older than the lane's last event (so handled before), changes nothing.
     */
    void hold(String subscription, RecordedEvent event, Hold hold);

    /** Sets the state of a held lane; false (and nothing changes) when the lane is not held. */
    boolean update(String subscription, UUID lane, Hold hold);

    /** The event was handled: it leaves its lane, and a lane left empty is no longer held. Unknown: no change. */
    void release(String subscription, RecordedEvent event);

    /** The subscription's held lanes, the longest held first. */
    List<Lane> lanes(String subscription);

    /** The events waiting in one lane, in log order (empty for a lane that is not held). */
    List<RecordedEvent> events(String subscription, UUID lane);

    /** Every held event of the subscription, lane by lane (longest held first), each lane in log order. */
    List<DeadLetter> list(String subscription);

    /** Removes a lane and its events (an operator gave up on them); returns how many events it held. */
    int drop(String subscription, UUID lane);

    /**
     * Held lanes that hand every call to {@code held}: a decorator overrides only the calls it changes (the fenced
     * writes of a partition, the stored metadata of an event a rebuild holds).
     */
    abstract class Forwarding implements DeadLetters {
        protected final DeadLetters held;

        protected Forwarding(DeadLetters held) {
            this.held = held;
        }

        @Override
        public void hold(String subscription, RecordedEvent event, Hold hold) {
            held.hold(subscription, event, hold);
        }

        @Override
        public boolean update(String subscription, UUID lane, Hold hold) {
            return held.update(subscription, lane, hold);
        }

        @Override
        public void release(String subscription, RecordedEvent event) {
            held.release(subscription, event);
        }

        @Override
        public List<Lane> lanes(String subscription) {
            return held.lanes(subscription);
        }

        @Override
        public List<RecordedEvent> events(String subscription, UUID lane) {
            return held.events(subscription, lane);
        }

        @Override
        public List<DeadLetter> list(String subscription) {
            return held.list(subscription);
        }

        @Override
        public int drop(String subscription, UUID lane) {
            return held.drop(subscription, lane);
        }
    }
}
