package org.bookworm.ordering.core.ordering;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.Permission;
import org.bookworm.ordering.core.eventsourcing.Cause;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.RequestClaims;
import org.bookworm.ordering.core.eventsourcing.RequestHash;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.StreamType;
import org.jspecify.annotations.Nullable;

/**
 * Ordering's use cases. Who may do what ({@link OrderCommands#ruleOf}, one {@link Permission} per command): a buyer
 * acts on their own orders only (another buyer's order is {@code UnknownOrder}); shipping and deleting are for admins;
 * confirming and failing are for the checkout saga. With a
 * request id, a command is done once: a retry, even one racing the first call, answers the first outcome (ADR 0006,
 * 0018); the same id with another request is {@link IdempotencyKeyReused}. Every event records who acted, for which
 * request, and the buyer an admin acted for.
 */
public final class OrderService implements OrderFates {
    /** The kind of the streams this service owns: {@code order-<id>}. */
    public static final StreamType STREAM = StreamType.of("order");

    private final OrderCommands commands;
    private final EventSourcedRunner<OrderCommand, OrderState, OrderEvent, OrderRejection> runner;
    private final EventSourcedRunner.Stores stores;

    public OrderService(EventSourcedRunner.Stores stores) {
        this(stores, RequestClaims.DEFAULT_WAIT);
    }

    /** With {@code inFlightWait}: how long a request waits for the first one with its request id to finish. */
    OrderService(EventSourcedRunner.Stores stores, Duration inFlightWait) {
        this.stores = stores;
        this.commands = new OrderCommands(stores, inFlightWait);
        this.runner = commands.runner();
    }

    public static StreamId stream(OrderId order) {
        return StreamId.of(OrderService.STREAM, order.value());
    }

    /** Places a new order; with a request id, a retry answers with the first order placed for it. */
    public Outcome<OrderRejection> place(
            Caller caller, @Nullable String requestId, BuyerSnapshot buyer, Address shipTo, List<OrderLine> lines) {
        var order = new OrderId(stores.ids().next());
        var idempotency = OrderCommands.request(caller, requestId, RequestHash.of("place", buyer, shipTo, lines));
        var metadata = commands.metadata(caller, requestId);
        return runner.claims()
                .once(idempotency, claim -> placeClaimed(caller, claim, metadata, order, buyer, shipTo, lines));
    }

    /**
     * Places order {@code order}, an id chosen beforehand, under a request id its caller has claimed (checkout, which
     * writes the checkout stream under the same audit data first).
     */
    Outcome<OrderRejection> placeClaimed(
            Caller caller,
            RequestClaims.@Nullable Claim claim,
            Metadata metadata,
            OrderId order,
            BuyerSnapshot buyer,
            Address shipTo,
            List<OrderLine> lines) {
        var command = new OrderCommand.PlaceOrder(order, buyer, shipTo, lines, now());
        return commands.execute(caller, metadata, claim, command);
    }

    public Outcome<OrderRejection> confirm(Caller caller, OrderId order) {
        return commands.execute(
                caller, commands.metadata(caller, null), null, new OrderCommand.ConfirmOrder(order, now()));
    }

    /** Confirms the order as the checkout of {@code cause} decided: the event names its cause and correlation. */
    @Override
    public Outcome<OrderRejection> confirm(Caller caller, OrderId order, Cause cause) {
        var command = new OrderCommand.ConfirmOrder(order, now());
        return commands.execute(caller, Metadata.causedBy(cause, caller.subject()), null, command);
    }

    public Outcome<OrderRejection> fail(Caller caller, OrderId order, FailureReason reason) {
        var command = new OrderCommand.FailOrder(order, reason, now());
        return commands.execute(caller, commands.metadata(caller, null), null, command);
    }

    /** Fails the order as the checkout of {@code cause} decided: the event names its cause and correlation. */
    @Override
    public Outcome<OrderRejection> fail(Caller caller, OrderId order, FailureReason reason, Cause cause) {
        var command = new OrderCommand.FailOrder(order, reason, now());
        return commands.execute(caller, Metadata.causedBy(cause, caller.subject()), null, command);
    }

    public Outcome<OrderRejection> modify(
            Caller caller, @Nullable String requestId, OrderId order, Modification change) {
        var command = new OrderCommand.ModifyOrder(order, change, now());
        return commands.once(caller, requestId, RequestHash.of("modify", order, change), command);
    }

    /** Modifies the order under a request id its caller has claimed (a change of the shipping address). */
    Outcome<OrderRejection> modifyClaimed(
            Caller caller,
            @Nullable String requestId,
            RequestClaims.@Nullable Claim claim,
            OrderId order,
            Modification change) {
        var command = new OrderCommand.ModifyOrder(order, change, now());
        return commands.execute(caller, commands.metadata(caller, requestId), claim, command);
    }

    /**
     * Modifies the order under a claimed request id, deciding once: {@code before} (checkout's stock and payment
     * steps) sees the state decided on and the events decided, and its refusal leaves the order as it was.
     */
    Outcome<CheckoutRejection> modifyClaimed(
            Caller caller,
            @Nullable String requestId,
            RequestClaims.@Nullable Claim claim,
            OrderId order,
            Modification change,
            EventSourcedRunner.BeforeAppend<OrderState, OrderEvent, CheckoutRejection> before) {
        var command = new OrderCommand.ModifyOrder(order, change, now());
        return commands.execute(caller, commands.metadata(caller, requestId), claim, command, before);
    }

    public Outcome<OrderRejection> ship(Caller caller, OrderId order, List<LineQuantity> lines) {
        return ship(caller, null, order, lines);
    }

    /** Ships {@code lines}; with a request id, a retry ships nothing more and answers the first shipment. */
    public Outcome<OrderRejection> ship(
            Caller caller, @Nullable String requestId, OrderId order, List<LineQuantity> lines) {
        var command = new OrderCommand.ShipItems(order, lines, now());
        return commands.once(caller, requestId, RequestHash.of("ship", order, lines), command);
    }

    /** Ships everything still open. */
    public Outcome<OrderRejection> shipAll(Caller caller, OrderId order) {
        return shipAll(caller, null, order);
    }

    /** Ships everything still open; with a request id, a retry answers the first shipment. */
    public Outcome<OrderRejection> shipAll(Caller caller, @Nullable String requestId, OrderId order) {
        var command = new OrderCommand.ShipRemaining(order, now());
        return commands.once(caller, requestId, RequestHash.of("ship-all", order), command);
    }

    public Outcome<OrderRejection> complete(Caller caller, @Nullable String requestId, OrderId order) {
        var command = new OrderCommand.CompleteOrder(order, now());
        return commands.once(caller, requestId, RequestHash.of("complete", order), command);
    }

    public Outcome<OrderRejection> cancel(Caller caller, @Nullable String requestId, OrderId order) {
        CancelledBy by = caller.isAdmin() || caller.isSystem() ? CancelledBy.ADMIN : CancelledBy.BUYER;
        var command = new OrderCommand.CancelOrder(order, by, now());
        return commands.once(caller, requestId, RequestHash.of("cancel", order), command);
    }

    public Outcome<OrderRejection> delete(Caller caller, OrderId order) {
        return delete(caller, null, order);
    }

    /** Soft-deletes a finished order; with a request id, a retry answers the first deletion. */
    public Outcome<OrderRejection> delete(Caller caller, @Nullable String requestId, OrderId order) {
        var command = new OrderCommand.DeleteOrder(order, now());
        return commands.once(caller, requestId, RequestHash.of("delete", order), command);
    }

    @Override
    public @Nullable BuyerId buyerOf(Caller caller, OrderId order) {
        return load(caller, order).state() instanceof OrderState.Existing existing
                ? existing.facts().buyer().id()
                : null;
    }

    /** The order's current state as the decider sees it, if the caller may see it. */
    public Visible load(Caller caller, OrderId order) {
        var loaded = runner.load(stream(order));
        boolean visible = loaded.state() instanceof OrderState.Existing existing
                && Permission.OWNER.grants(caller, existing.facts().buyer().id());
        return new Visible(visible ? loaded.state() : new OrderState.None(), visible ? loaded.version() : 0);
    }

    /**
     * The order as it stood right after its first {@code version} events, if the caller may see it: what a follower
     * of one event must act on, whatever happened to the order since (basket clearing takes the lines the order was
     * confirmed with, not those of a later modification).
     */
    Visible loadAt(Caller caller, OrderId order, long version) {
        var events = stores.events().load(stream(order), 0, version);
        OrderState state = runner.decider().fold(events.domainEvents(OrderEvent.class));
        boolean visible = state instanceof OrderState.Existing existing
                && Permission.OWNER.grants(caller, existing.facts().buyer().id());
        return new Visible(visible ? state : new OrderState.None(), visible ? events.version() : 0);
    }

    /** A folded order as a caller may see it: {@code None} when it does not exist or is not theirs. */
    public record Visible(OrderState state, long version) {}

    /** The claims of Ordering's request ids, for checkout's work that spans the basket, stock and payment. */
    RequestClaims claims() {
        return runner.claims();
    }

    Metadata metadata(Caller caller, @Nullable String requestId) {
        return commands.metadata(caller, requestId);
    }

    private Instant now() {
        return stores.clock().instant();
    }
}
