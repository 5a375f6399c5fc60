package org.bookworm.ordering.core.ordering;

import static org.bookworm.ordering.core.eventsourcing.Decision.reject;

import java.time.Duration;
import java.util.function.Function;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.Permission;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner.IdempotencyRequest;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.RequestClaims;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.OrderRejection.Forbidden;
import org.bookworm.ordering.core.ordering.OrderRejection.UnknownOrder;
import org.jspecify.annotations.Nullable;

/**
 * How {@link OrderService}'s commands run: once per request id, visible only to callers who may see the order
 * (another buyer's order is {@code UnknownOrder}), allowed as {@link #ruleOf} says for each command (else {@code
 * Forbidden}), and stamped with audit data that names the buyer an admin acts for.
 */
final class OrderCommands {
    private final EventSourcedRunner<OrderCommand, OrderState, OrderEvent, OrderRejection> runner;
    private final EventSourcedRunner.Stores stores;

    OrderCommands(EventSourcedRunner.Stores stores, Duration inFlightWait) {
        this.stores = stores;
        this.runner = new EventSourcedRunner<>(
                new OrderDecider(), OrderDecider.VERSION, OrderState.class, OrderEvent.class, stores, 50, inFlightWait);
    }

    EventSourcedRunner<OrderCommand, OrderState, OrderEvent, OrderRejection> runner() {
        return runner;
    }

    /** Who may give a command, and the words a refusal uses for it. */
    record Rule(Permission permission, String action) {}

    /** The one home of who may give each order command (ADR 0008, 0016, 0027). */
    static Rule ruleOf(OrderCommand command) {
        return switch (command) {
            case OrderCommand.PlaceOrder c -> new Rule(Permission.OWNER, "place an order for another buyer");
            case OrderCommand.ConfirmOrder c -> new Rule(Permission.SYSTEM, "confirm");
            case OrderCommand.FailOrder c -> new Rule(Permission.SYSTEM, "fail");
            case OrderCommand.ModifyOrder c -> new Rule(Permission.OWNER, "modify");
            case OrderCommand.ShipItems c -> new Rule(Permission.ADMIN, "ship");
            case OrderCommand.ShipRemaining c -> new Rule(Permission.ADMIN, "ship");
            case OrderCommand.CompleteOrder c -> new Rule(Permission.OWNER, "complete");
            case OrderCommand.CancelOrder c -> new Rule(Permission.OWNER, "cancel");
            case OrderCommand.DeleteOrder c -> new Rule(Permission.ADMIN, "delete");
        };
    }

    /** Runs {@code command} once per request id (hashed as {@code hash}), if the caller may. */
    Outcome<OrderRejection> once(Caller caller, @Nullable String requestId, String hash, OrderCommand command) {
        Metadata metadata = metadata(caller, requestId);
        return runner.claims()
                .once(request(caller, requestId, hash), claim -> execute(caller, metadata, claim, command));
    }

    /**
     * Runs {@code command} under a request id its caller has claimed (or none), with the audit data given. A placement
     * is decided on the order unborn, without a load: only an order with no events accepts it, and its id was minted
     * for it, so a load could only answer "none" (ADR 0048); an order placed after all makes the append conflict, and
     * the placement is decided again on it (refused {@code AlreadyPlaced}).
     */
    Outcome<OrderRejection> execute(
            Caller caller, Metadata metadata, RequestClaims.@Nullable Claim claim, OrderCommand command) {
        StreamId stream = OrderService.stream(command.orderId());
        Function<OrderState, Metadata> audit = state -> actingOn(caller, metadata, state);
        Function<OrderState, Decision<OrderEvent, OrderRejection>> decide = state -> decideFor(caller, command, state);
        return command instanceof OrderCommand.PlaceOrder
                ? runner.runClaimed(stream, runner.unborn(), audit, claim, decide)
                : runner.runClaimed(stream, audit, claim, decide);
    }

    /**
     * As above, for a command that needs checkout's stock and payment steps ({@code before}) to agree before it is
     * appended: decided once per attempt, refused as a {@link CheckoutRejection}.
     */
    Outcome<CheckoutRejection> execute(
            Caller caller,
            Metadata metadata,
            RequestClaims.@Nullable Claim claim,
            OrderCommand command,
            EventSourcedRunner.BeforeAppend<OrderState, OrderEvent, CheckoutRejection> before) {
        return runner.runClaimed(
                OrderService.stream(command.orderId()),
                state -> actingOn(caller, metadata, state),
                claim,
                state -> decideFor(caller, command, state),
                reason -> reason,
                before);
    }

    /**
     * The one check of who may act on an order: another buyer's order is unknown to the caller; a command the
     * caller's roles do not allow is forbidden; anything else is the decider's to answer.
     */
    private Decision<OrderEvent, OrderRejection> decideFor(Caller caller, OrderCommand command, OrderState state) {
        OrderId order = command.orderId();
        @Nullable BuyerId owner = ownerOf(command, state);
        if (state instanceof OrderState.Existing && !Permission.OWNER.grants(caller, owner)) {
            return reject(new UnknownOrder(order));
        }
        Rule rule = ruleOf(command);
        return rule.permission().grants(caller, owner)
                ? runner.decider().decide(command, state)
                : reject(new Forbidden(order, rule.action()));
    }

    /** Whose order it is: its buyer once placed, the buyer it is being placed for, or nobody's (no such order). */
    private static @Nullable BuyerId ownerOf(OrderCommand command, OrderState state) {
        if (state instanceof OrderState.Existing existing) {
            return existing.facts().buyer().id();
        }
        return command instanceof OrderCommand.PlaceOrder place ? place.buyer().id() : null;
    }

    static @Nullable IdempotencyRequest request(Caller caller, @Nullable String requestId, String hash) {
        return requestId == null ? null : new IdempotencyRequest(caller.subject(), requestId, hash);
    }

    /** An admin acting on a buyer's order acts on that buyer's behalf; the audit data names them. */
    private static Metadata actingOn(Caller caller, Metadata metadata, OrderState state) {
        if (caller.isAdmin() && state instanceof OrderState.Existing existing) {
            String buyer = existing.facts().buyer().id().toString();
            return buyer.equals(caller.subject()) ? metadata : metadata.onBehalfOf(buyer);
        }
        return metadata;
    }

    Metadata metadata(Caller caller, @Nullable String requestId) {
        return new Metadata(caller.subject(), caller.roleNames(), stores.ids().next(), null, requestId);
    }
}
