package org.bookworm.ordering.core.finance;

import static org.bookworm.ordering.core.eventsourcing.Decision.accept;
import static org.bookworm.ordering.core.eventsourcing.Decision.acceptAll;

import java.util.HashSet;
import java.util.List;
import org.bookworm.ordering.core.eventsourcing.Decider;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.finance.CheckoutCommand.DeadlineReached;
import org.bookworm.ordering.core.finance.CheckoutCommand.NoteCancellation;
import org.bookworm.ordering.core.finance.CheckoutCommand.NoteCompletion;
import org.bookworm.ordering.core.finance.CheckoutCommand.NoteShipment;
import org.bookworm.ordering.core.finance.CheckoutCommand.RecordApproval;
import org.bookworm.ordering.core.finance.CheckoutCommand.RecordDecline;
import org.bookworm.ordering.core.finance.CheckoutCommand.RecordReservation;
import org.bookworm.ordering.core.finance.CheckoutCommand.RequestCheckout;
import org.bookworm.ordering.core.finance.CheckoutCommand.StartCheckout;
import org.bookworm.ordering.core.finance.CheckoutEvent.CaptureRequested;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutAbandoned;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutCancelled;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutCompleted;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutConfirmed;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutFailed;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutRequested;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutStarted;
import org.bookworm.ordering.core.finance.CheckoutEvent.ItemsReserved;
import org.bookworm.ordering.core.finance.CheckoutEvent.PaymentApproved;
import org.bookworm.ordering.core.finance.CheckoutEvent.PaymentRefused;
import org.bookworm.ordering.core.finance.CheckoutEvent.PaymentRequested;
import org.bookworm.ordering.core.finance.CheckoutEvent.ReservationFailed;
import org.bookworm.ordering.core.finance.CheckoutEvent.ReservationRequested;
import org.bookworm.ordering.core.finance.CheckoutState.Abandoned;
import org.bookworm.ordering.core.finance.CheckoutState.Authorizing;
import org.bookworm.ordering.core.finance.CheckoutState.Cancelled;
import org.bookworm.ordering.core.finance.CheckoutState.Completed;
import org.bookworm.ordering.core.finance.CheckoutState.Confirmed;
import org.bookworm.ordering.core.finance.CheckoutState.Facts;
import org.bookworm.ordering.core.finance.CheckoutState.Failed;
import org.bookworm.ordering.core.finance.CheckoutState.None;
import org.bookworm.ordering.core.finance.CheckoutState.Requested;
import org.bookworm.ordering.core.finance.CheckoutState.Reserving;
import org.bookworm.ordering.core.finance.CheckoutState.Waiting;
import org.bookworm.ordering.core.ordering.FailureReason;

/**
 * Finance's checkout process manager, one per order (stream {@code checkout-<orderId>}): reserve the items, then
 * authorize the payment, then confirm; on out of stock, decline or timeout, fail (compensation follows from {@code
 * CheckoutFailed}). Each waiting step has a durable deadline, {@link CheckoutTimeouts#step()} after it was asked; a
 * step is asked {@link CheckoutTimeouts#attempts()} times, then the checkout fails as timed out. The timeouts are the
 * operator's and arrive on the commands that schedule or fire a deadline. After confirmation it captures each
 * shipment once, releases on cancellation and closes on completion.
 *
 * <p>The request written by PlaceOrder has its own deadline (step 0): if the order's placement is not seen in time,
 * the checkout is abandoned and the basket freed; an order placed after that fails as timed out.
 *
 * <p>Guarantees, whatever the order or number of messages: it never both confirms and fails; it ends terminal once a
 * step's deadline has fired as many times as the timeouts allow; it never asks to capture without a shipment, nor twice for one.
 * This decider never rejects: a message that does not fit the stage (late, duplicate, reordered) yields no events.
 */
public final class CheckoutSaga implements Decider<CheckoutCommand, CheckoutState, CheckoutEvent, Void> {
    public static final int VERSION = 1;

    @Override
    public CheckoutState initialState() {
        return new None();
    }

    @Override
    public boolean isTerminal(CheckoutState state) {
        return state instanceof Failed || state instanceof Cancelled || state instanceof Completed;
    }

    @Override
    public Decision<CheckoutEvent, Void> decide(CheckoutCommand command, CheckoutState state) {
        return switch (command) {
            case RequestCheckout c
            when state instanceof None ->
                accept(new CheckoutRequested(
                        c.orderId(),
                        c.buyer(),
                        c.paymentMethod(),
                        c.at().plus(c.timeouts().step()),
                        c.at()));
            case RequestCheckout c -> ignore();
            case StartCheckout c
            when state instanceof Requested ->
                acceptAll(List.of(
                        new CheckoutStarted(c.orderId(), c.lines(), c.total(), c.at()),
                        new ReservationRequested(
                                c.orderId(),
                                1,
                                1,
                                c.lines(),
                                c.at().plus(c.timeouts().step()),
                                c.at())));
            // an order placed without a checkout request (a crash between the two writes) cannot be paid for
            case StartCheckout c
            when state instanceof None ->
                accept(new CheckoutFailed(c.orderId(), FailureReason.PAYMENT_DECLINED, c.at()));
            case StartCheckout c
            when state instanceof Abandoned ->
                accept(new CheckoutFailed(c.orderId(), FailureReason.CHECKOUT_TIMED_OUT, c.at()));
            case StartCheckout c -> ignore();
            case RecordReservation c
            when state instanceof Reserving r && c.outOfStock().isEmpty() ->
                acceptAll(List.of(
                        new ItemsReserved(c.orderId(), c.at()),
                        new PaymentRequested(
                                c.orderId(),
                                1,
                                r.step() + 1,
                                r.facts().total(),
                                r.facts().paymentMethod(),
                                c.at().plus(c.timeouts().step()),
                                c.at())));
            case RecordReservation c
            when state instanceof Reserving ->
                acceptAll(List.of(
                        new ReservationFailed(c.orderId(), c.outOfStock(), c.at()),
                        new CheckoutFailed(c.orderId(), FailureReason.OUT_OF_STOCK, c.at())));
            case RecordReservation c -> ignore();
            case RecordApproval c
            when state instanceof Authorizing a && c.attempt() <= a.attempt() ->
                acceptAll(
                        List.of(new PaymentApproved(c.orderId(), c.at()), new CheckoutConfirmed(c.orderId(), c.at())));
            case RecordApproval c -> ignore();
            case RecordDecline c
            when state instanceof Authorizing a && c.attempt() == a.attempt() ->
                acceptAll(List.of(
                        new PaymentRefused(c.orderId(), c.reason(), c.at()),
                        new CheckoutFailed(c.orderId(), FailureReason.PAYMENT_DECLINED, c.at())));
            case RecordDecline c -> ignore();
            case DeadlineReached c when state instanceof Waiting w && w.step() == c.step() -> timedOut(c, w);
            case DeadlineReached c
            when state instanceof Requested r && c.step() == 0 ->
                accept(new CheckoutAbandoned(c.orderId(), r.buyer(), c.at()));
            case DeadlineReached c -> ignore();
            case NoteCancellation c
            when state instanceof Waiting || state instanceof Confirmed || state instanceof Requested ->
                accept(new CheckoutCancelled(c.orderId(), c.at()));
            case NoteCancellation c -> ignore();
            case NoteShipment c
            when state instanceof Confirmed s && !s.shipments().contains(c.shipment()) ->
                accept(new CaptureRequested(c.orderId(), c.shipment(), c.lines(), c.value(), c.at()));
            case NoteShipment c -> ignore();
            case NoteCompletion c
            when state instanceof Confirmed s && !s.shipments().isEmpty() ->
                accept(new CheckoutCompleted(
                        c.orderId(),
                        s.facts().total().minus(s.captured().min(s.facts().total())),
                        c.at()));
            case NoteCompletion c -> ignore();
        };
    }

    private static Decision<CheckoutEvent, Void> timedOut(DeadlineReached command, Waiting waiting) {
        if (waiting.attempt() >= command.timeouts().attempts()) {
            return accept(new CheckoutFailed(command.orderId(), FailureReason.CHECKOUT_TIMED_OUT, command.at()));
        }
        int attempt = waiting.attempt() + 1;
        int step = waiting.step() + 1;
        var due = command.at().plus(command.timeouts().step());
        var facts = waiting.facts();
        return accept(
                waiting instanceof Reserving
                        ? new ReservationRequested(command.orderId(), attempt, step, facts.lines(), due, command.at())
                        : new PaymentRequested(
                                command.orderId(),
                                attempt,
                                step,
                                facts.total(),
                                facts.paymentMethod(),
                                due,
                                command.at()));
    }

    private static Decision<CheckoutEvent, Void> ignore() {
        return acceptAll(List.of()); // late, duplicate or out of order: never an error
    }

    /** The transition table. Events are facts: an impossible pair is a bug or a corrupt stream. */
    @Override
    public CheckoutState evolve(CheckoutState state, CheckoutEvent event) {
        return switch (new Transition(state, event)) {
            case Transition(None s, CheckoutRequested e) -> new Requested(e.orderId(), e.buyer(), e.paymentMethod());
            case Transition(None s, CheckoutFailed e) -> new Failed(e.orderId(), e.reason());
            case Transition(Requested s, CheckoutAbandoned e) -> new Abandoned(s.orderId(), s.buyer());
            case Transition(Abandoned s, CheckoutFailed e) -> new Failed(s.orderId(), e.reason());
            case Transition(Requested s, CheckoutStarted e) ->
                new Reserving(new Facts(s.orderId(), s.buyer(), s.paymentMethod(), e.lines(), e.total()), 0, 0);
            case Transition(Requested s, CheckoutCancelled e) -> new Cancelled(s.orderId());
            case Transition(Reserving s, ReservationRequested e) -> new Reserving(s.facts(), e.attempt(), e.step());
            case Transition(Reserving s, ItemsReserved e) -> s;
            case Transition(Reserving s, ReservationFailed e) -> s;
            case Transition(Reserving s, PaymentRequested e) -> new Authorizing(s.facts(), e.attempt(), e.step());
            case Transition(Authorizing s, PaymentRequested e) -> new Authorizing(s.facts(), e.attempt(), e.step());
            case Transition(Authorizing s, PaymentApproved e) -> s;
            case Transition(Authorizing s, PaymentRefused e) -> s;
            case Transition(Authorizing s, CheckoutConfirmed e) ->
                new Confirmed(s.facts(), s.step(), java.util.Set.of(), zero(s.facts()));
            case Transition(Waiting s, CheckoutFailed e) -> new Failed(s.facts().orderId(), e.reason());
            case Transition(Waiting s, CheckoutCancelled e) ->
                new Cancelled(s.facts().orderId());
            case Transition(Confirmed s, CheckoutCancelled e) ->
                new Cancelled(s.facts().orderId());
            case Transition(Confirmed s, CaptureRequested e) -> shipped(s, e);
            case Transition(Confirmed s, CheckoutCompleted e) ->
                new Completed(s.facts().orderId());
            default ->
                throw new IllegalStateException(
                        "no transition from " + state.getClass().getSimpleName() + " on "
                                + event.getClass().getSimpleName());
        };
    }

    private static CheckoutState shipped(Confirmed state, CaptureRequested event) {
        var shipments = new HashSet<>(state.shipments());
        shipments.add(event.shipment());
        return new Confirmed(
                state.facts(), state.step(), shipments, state.captured().plus(event.value()));
    }

    private static org.bookworm.ordering.core.common.Money zero(Facts facts) {
        return org.bookworm.ordering.core.common.Money.zero(facts.total().currency());
    }

    private record Transition(CheckoutState state, CheckoutEvent event) {}
}
