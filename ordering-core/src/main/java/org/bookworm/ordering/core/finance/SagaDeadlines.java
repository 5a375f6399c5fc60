package org.bookworm.ordering.core.finance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Driven port: the checkout sagas' durable deadlines, one per (saga, step). One owner each (ADR 0026): a deadline is
 * written by the event store with the append of the saga's event that requests it ({@link Deadline#requestedBy}), in
 * the same transaction, never held only in memory and never written again by a reactor. It is removed once: by the
 * poller that fired it ({@code CheckoutSagaService.fireDue}), or, when the saga ends first, with every other deadline
 * of that saga ({@link #completeAll}) by the event store, with the append of the event that ends it ({@link
 * Deadline#endedBy}, ADR 0049). Every implementation passes {@code SagaDeadlinesContract}.
 */
public interface SagaDeadlines {

    /** A deadline of step {@code step} of the saga of {@code order}. */
    record Deadline(OrderId order, int step, Instant dueAt) {
        public Deadline {
            Objects.requireNonNull(order, "order");
            Objects.requireNonNull(dueAt, "due at");
        }

        /**
         * The deadline an event requests, if it is one of the saga's requests: {@code CheckoutRequested} (step 0: the
         * order must be placed by then), {@code ReservationRequested} and {@code PaymentRequested} (their step). The
         * event store writes it with the append of that event, in the same transaction; nothing else writes it.
         */
        public static Optional<Deadline> requestedBy(DomainEvent event) {
            return switch (event) {
                case CheckoutEvent.CheckoutRequested r -> Optional.of(new Deadline(r.orderId(), 0, r.dueAt()));
                case CheckoutEvent.ReservationRequested r ->
                    Optional.of(new Deadline(r.orderId(), r.step(), r.dueAt()));
                case CheckoutEvent.PaymentRequested r -> Optional.of(new Deadline(r.orderId(), r.step(), r.dueAt()));
                default -> Optional.empty();
            };
        }

        /**
         * The saga whose every deadline an event ends, if it is one that ends the saga: {@code CheckoutConfirmed},
         * {@code CheckoutFailed}, {@code CheckoutAbandoned} or {@code CheckoutCancelled}. The event store completes
         * them with the append of that event, in the same transaction (ADR 0049); nothing else completes them for it.
         */
        public static Optional<OrderId> endedBy(DomainEvent event) {
            return switch (event) {
                case CheckoutEvent.CheckoutConfirmed e -> Optional.of(e.orderId());
                case CheckoutEvent.CheckoutFailed e -> Optional.of(e.orderId());
                case CheckoutEvent.CheckoutAbandoned e -> Optional.of(e.orderId());
                case CheckoutEvent.CheckoutCancelled e -> Optional.of(e.orderId());
                default -> Optional.empty();
            };
        }
    }

    /** Records the deadline; scheduling the same (order, step) again changes nothing, whatever its due time. */
    void schedule(OrderId order, int step, Instant dueAt);

    /**
     * Up to {@code limit} deadlines due at or before {@code now}, earliest first, claimed for the caller: another
     * claim does not return them again until {@link #LEASE} has passed without {@link #complete} (a crashed handler's
     * deadline comes back). Completed deadlines never come back.
     */
    List<Deadline> claimDue(Instant now, int limit);

    /** The deadline was handled; completing an unknown or completed deadline changes nothing. */
    void complete(OrderId order, int step);

    /** Completes every deadline of the saga (it ended); idempotent. */
    void completeAll(OrderId order);

    /** Deadlines not yet completed, earliest first (for operators and tests). */
    List<Deadline> pending();

    java.time.Duration LEASE = java.time.Duration.ofMinutes(1);
}
