package org.bookworm.ordering.core.ordering;

import static org.bookworm.ordering.core.eventsourcing.Decision.accept;
import static org.bookworm.ordering.core.eventsourcing.Decision.reject;

import java.util.ArrayList;
import java.util.List;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.eventsourcing.Decider;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.ordering.Modification.ChangeQuantity;
import org.bookworm.ordering.core.ordering.Modification.ChangeShippingAddress;
import org.bookworm.ordering.core.ordering.Modification.RemoveLine;
import org.bookworm.ordering.core.ordering.OrderCommand.CancelOrder;
import org.bookworm.ordering.core.ordering.OrderCommand.CompleteOrder;
import org.bookworm.ordering.core.ordering.OrderCommand.ConfirmOrder;
import org.bookworm.ordering.core.ordering.OrderCommand.DeleteOrder;
import org.bookworm.ordering.core.ordering.OrderCommand.FailOrder;
import org.bookworm.ordering.core.ordering.OrderCommand.ModifyOrder;
import org.bookworm.ordering.core.ordering.OrderCommand.PlaceOrder;
import org.bookworm.ordering.core.ordering.OrderCommand.ShipItems;
import org.bookworm.ordering.core.ordering.OrderCommand.ShipRemaining;
import org.bookworm.ordering.core.ordering.OrderEvent.ItemsShipped;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderCancelled;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderCompleted;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderConfirmed;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderDeleted;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderFailed;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderModified;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderPlaced;
import org.bookworm.ordering.core.ordering.OrderRejection.AlreadyPlaced;
import org.bookworm.ordering.core.ordering.OrderRejection.EmptyOrder;
import org.bookworm.ordering.core.ordering.OrderRejection.ExceedsOpenQuantity;
import org.bookworm.ordering.core.ordering.OrderRejection.LastLine;
import org.bookworm.ordering.core.ordering.OrderRejection.NotAllowed;
import org.bookworm.ordering.core.ordering.OrderRejection.UnknownLine;
import org.bookworm.ordering.core.ordering.OrderRejection.UnknownOrder;
import org.bookworm.ordering.core.ordering.OrderState.BeforeShipment;
import org.bookworm.ordering.core.ordering.OrderState.Cancelled;
import org.bookworm.ordering.core.ordering.OrderState.Completed;
import org.bookworm.ordering.core.ordering.OrderState.Confirmed;
import org.bookworm.ordering.core.ordering.OrderState.Existing;
import org.bookworm.ordering.core.ordering.OrderState.Failed;
import org.bookworm.ordering.core.ordering.OrderState.None;
import org.bookworm.ordering.core.ordering.OrderState.PartiallyShipped;
import org.bookworm.ordering.core.ordering.OrderState.Placed;
import org.bookworm.ordering.core.ordering.OrderState.Shippable;
import org.bookworm.ordering.core.ordering.OrderState.Shipped;

/**
 * The order life cycle: Placed, Confirmed, PartiallyShipped, Shipped, Completed, Cancelled, Failed, plus the
 * orthogonal soft delete. Guarantees: an order is never empty; nothing ships before confirmation or beyond what was
 * ordered; cancellation and modification only before the first shipment; the last line is never removed; a finished
 * order accepts nothing but one admin delete; a deleted order is unknown to every command.
 */
public final class OrderDecider implements Decider<OrderCommand, OrderState, OrderEvent, OrderRejection> {

    /** Bumped whenever {@link #evolve} or the state records change shape: snapshots of another version are dropped. */
    public static final int VERSION = 1;

    @Override
    public OrderState initialState() {
        return new None();
    }

    @Override
    public boolean isTerminal(OrderState state) {
        return state instanceof Existing existing
                && (existing.status().isTerminal() || existing.facts().deleted());
    }

    @Override
    public Decision<OrderEvent, OrderRejection> decide(OrderCommand command, OrderState state) {
        if (state instanceof Existing existing && existing.facts().deleted()) {
            return reject(new UnknownOrder(command.orderId()));
        }
        if (state instanceof None && !(command instanceof PlaceOrder)) {
            return reject(new UnknownOrder(command.orderId()));
        }
        return switch (command) {
            case PlaceOrder c when !(state instanceof None) -> reject(new AlreadyPlaced(c.orderId()));
            case PlaceOrder c when c.lines().isEmpty() -> reject(new EmptyOrder(c.orderId()));
            case PlaceOrder c ->
                accept(new OrderPlaced(
                        c.orderId(), c.buyer(), c.shippingAddress(), c.lines(), OrderLines.total(c.lines()), c.at()));
            case ConfirmOrder c
            when state instanceof Placed placed -> accept(new OrderConfirmed(c.orderId(), placed.facts(), c.at()));
            case ConfirmOrder c -> notAllowed(c, "confirm", state);
            case FailOrder c when state instanceof Placed -> accept(new OrderFailed(c.orderId(), c.reason(), c.at()));
            case FailOrder c -> notAllowed(c, "fail", state);
            case ModifyOrder c when state instanceof BeforeShipment before -> modify(c, before.facts());
            case ModifyOrder c -> notAllowed(c, "modify", state);
            case ShipItems c when state instanceof Shippable shippable -> ship(c, shippable.facts());
            case ShipItems c -> notAllowed(c, "ship", state);
            case ShipRemaining c
            when state instanceof Shippable shippable ->
                accept(new ItemsShipped(
                        c.orderId(),
                        shippable.facts().open(),
                        shippable.facts().valueOf(shippable.facts().open()),
                        c.at()));
            case ShipRemaining c -> notAllowed(c, "ship", state);
            case CompleteOrder c when state instanceof Shipped shipped -> accept(complete(c, shipped.facts()));
            case CompleteOrder c when state instanceof PartiallyShipped partial -> accept(complete(c, partial.facts()));
            case CompleteOrder c -> notAllowed(c, "complete", state);
            case CancelOrder c
            when state instanceof BeforeShipment -> accept(new OrderCancelled(c.orderId(), c.by(), c.at()));
            case CancelOrder c -> notAllowed(c, "cancel", state);
            case DeleteOrder c when isTerminal(state) -> accept(new OrderDeleted(c.orderId(), c.at()));
            case DeleteOrder c -> notAllowed(c, "delete", state);
        };
    }

    private static Decision<OrderEvent, OrderRejection> modify(ModifyOrder command, OrderFacts facts) {
        List<OrderLine> lines = new ArrayList<>(facts.lines());
        Address address = facts.shippingAddress();
        switch (command.change()) {
            case ChangeQuantity change -> {
                var line = facts.line(change.book());
                if (line.isEmpty()) {
                    return reject(new UnknownLine(command.orderId(), change.book()));
                }
                lines.replaceAll(
                        each -> each.book().equals(change.book()) ? each.withQuantity(change.quantity()) : each);
            }
            case RemoveLine change -> {
                if (facts.line(change.book()).isEmpty()) {
                    return reject(new UnknownLine(command.orderId(), change.book()));
                }
                if (lines.size() == 1) {
                    return reject(new LastLine(command.orderId(), change.book()));
                }
                lines.removeIf(each -> each.book().equals(change.book()));
            }
            case ChangeShippingAddress change -> address = change.address();
        }
        if (lines.equals(facts.lines()) && address.equals(facts.shippingAddress())) {
            return Decision.acceptAll(List.of()); // already so: a retried modification changes nothing
        }
        return accept(new OrderModified(command.orderId(), lines, OrderLines.total(lines), address, command.at()));
    }

    private static Decision<OrderEvent, OrderRejection> ship(ShipItems command, OrderFacts facts) {
        for (LineQuantity line : command.lines()) {
            if (facts.line(line.book()).isEmpty()) {
                return reject(new UnknownLine(command.orderId(), line.book()));
            }
            int open = facts.openOf(line.book());
            if (line.quantity().value() > open) {
                return reject(new ExceedsOpenQuantity(
                        command.orderId(), line.book(), line.quantity().value(), open));
            }
        }
        return accept(
                new ItemsShipped(command.orderId(), command.lines(), facts.valueOf(command.lines()), command.at()));
    }

    private static OrderCompleted complete(CompleteOrder command, OrderFacts facts) {
        List<LineQuantity> rest = facts.open();
        return new OrderCompleted(command.orderId(), rest, facts.valueOf(rest), command.at());
    }

    private static Decision<OrderEvent, OrderRejection> notAllowed(
            OrderCommand command, String action, OrderState state) {
        return reject(new NotAllowed(command.orderId(), action, stageOf(state)));
    }

    private static String stageOf(OrderState state) {
        return state instanceof Existing existing ? existing.status().stage() : "missing";
    }

    /** The transition table. Events are facts: an impossible pair is a bug or a corrupt stream. */
    @Override
    public OrderState evolve(OrderState state, OrderEvent event) {
        return switch (new Transition(state, event)) {
            case Transition(None s, OrderPlaced e) -> new Placed(OrderFacts.placed(e));
            case Transition(Placed s, OrderConfirmed e) -> new Confirmed(s.facts());
            case Transition(Placed s, OrderFailed e) -> new Failed(s.facts(), e.reason());
            case Transition(Placed s, OrderModified e) -> new Placed(s.facts().modified(e));
            case Transition(Confirmed s, OrderModified e) ->
                new Confirmed(s.facts().modified(e));
            case Transition(Shippable s, ItemsShipped e) ->
                afterShipping(s.facts().shipping(e.lines()));
            case Transition(Shipped s, OrderCompleted e) -> new Completed(s.facts());
            case Transition(PartiallyShipped s, OrderCompleted e) -> new Completed(s.facts());
            case Transition(BeforeShipment s, OrderCancelled e) -> new Cancelled(s.facts(), e.by());
            case Transition(Completed s, OrderDeleted e)
            when !s.facts().deleted() -> new Completed(s.facts().markDeleted());
            case Transition(Cancelled s, OrderDeleted e)
            when !s.facts().deleted() -> new Cancelled(s.facts().markDeleted(), s.by());
            case Transition(Failed s, OrderDeleted e)
            when !s.facts().deleted() -> new Failed(s.facts().markDeleted(), s.reason());
            default ->
                throw new IllegalStateException(
                        "no transition from " + state.getClass().getSimpleName() + " on "
                                + event.getClass().getSimpleName());
        };
    }

    private static OrderState afterShipping(OrderFacts facts) {
        return facts.open().isEmpty() ? new Shipped(facts) : new PartiallyShipped(facts);
    }

    private record Transition(OrderState state, OrderEvent event) {}
}
