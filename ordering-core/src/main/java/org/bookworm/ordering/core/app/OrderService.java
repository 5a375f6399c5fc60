package org.bookworm.ordering.core.app;

import static org.bookworm.ordering.core.decider.Decision.reject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.bookworm.ordering.core.app.EventSourcedRunner.IdempotencyRequest;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.decider.Decision;
import org.bookworm.ordering.core.order.BuyerSnapshot;
import org.bookworm.ordering.core.order.CancelledBy;
import org.bookworm.ordering.core.order.FailureReason;
import org.bookworm.ordering.core.order.LineQuantity;
import org.bookworm.ordering.core.order.Modification;
import org.bookworm.ordering.core.order.OrderCommand;
import org.bookworm.ordering.core.order.OrderDecider;
import org.bookworm.ordering.core.order.OrderEvent;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.order.OrderLine;
import org.bookworm.ordering.core.order.OrderRejection;
import org.bookworm.ordering.core.order.OrderRejection.Forbidden;
import org.bookworm.ordering.core.order.OrderRejection.UnknownOrder;
import org.bookworm.ordering.core.order.OrderState;
import org.bookworm.ordering.core.port.Metadata;
import org.bookworm.ordering.core.port.RecordedEvent;
import org.bookworm.ordering.core.port.StreamId;
import org.bookworm.ordering.core.port.StreamType;
import org.jspecify.annotations.Nullable;

/**
 * Ordering's use cases. Who may do what: a buyer acts on their own orders only (another buyer's order is {@code
 * UnknownOrder}); shipping and deleting are for admins; confirming and failing are for the checkout saga. With a
 * request id, a command is done once: a retry, even one racing the first call, answers the first outcome (ADR 0006,
 * 0018); the same id with another request is {@link IdempotencyKeyReused}. Every event records who acted, for which
 * request, and the buyer an admin acted for.
 */
public final class OrderService {
    private final EventSourcedRunner<OrderCommand, OrderState, OrderEvent, OrderRejection> runner;
    private final EventSourcedRunner.Stores stores;

    public OrderService(EventSourcedRunner.Stores stores) {
        this(stores, RequestClaims.DEFAULT_WAIT);
    }

    /** With {@code inFlightWait}: how long a request waits for the first one with its request id to finish. */
    OrderService(EventSourcedRunner.Stores stores, Duration inFlightWait) {
        this.stores = stores;
        this.runner = new EventSourcedRunner<>(
                new OrderDecider(), OrderDecider.VERSION, OrderState.class, OrderEvent.class, stores, 50, inFlightWait);
    }

    public static StreamId stream(OrderId order) {
        return StreamId.of(StreamType.ORDER, order.value());
    }

    /** Places a new order; with a request id, a retry answers with the first order placed for it. */
    public Outcome<OrderRejection> place(
            Caller caller, @Nullable String requestId, BuyerSnapshot buyer, Address shipTo, List<OrderLine> lines) {
        var order = new OrderId(stores.ids().next());
        var idempotency = request(caller, requestId, RequestHash.of("place", buyer, shipTo, lines));
        var metadata = metadata(caller, requestId);
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
        return runner.runClaimed(
                stream(order),
                state -> metadata,
                claim,
                state -> caller.mayActOn(buyer.id())
                        ? decide(command, state)
                        : reject(new Forbidden(order, "place an order for another buyer")));
    }

    public Outcome<OrderRejection> confirm(Caller caller, OrderId order) {
        return systemOnly(caller, order, "confirm", new OrderCommand.ConfirmOrder(order, now()), null);
    }

    /** Confirms the order as the checkout of {@code cause} decided: the event names its cause and correlation. */
    public Outcome<OrderRejection> confirm(Caller caller, OrderId order, RecordedEvent cause) {
        return systemOnly(caller, order, "confirm", new OrderCommand.ConfirmOrder(order, now()), cause);
    }

    public Outcome<OrderRejection> fail(Caller caller, OrderId order, FailureReason reason) {
        return systemOnly(caller, order, "fail", new OrderCommand.FailOrder(order, reason, now()), null);
    }

    /** Fails the order as the checkout of {@code cause} decided: the event names its cause and correlation. */
    public Outcome<OrderRejection> fail(Caller caller, OrderId order, FailureReason reason, RecordedEvent cause) {
        return systemOnly(caller, order, "fail", new OrderCommand.FailOrder(order, reason, now()), cause);
    }

    public Outcome<OrderRejection> modify(
            Caller caller, @Nullable String requestId, OrderId order, Modification change) {
        var idempotency = request(caller, requestId, RequestHash.of("modify", order, change));
        return runner.claims().once(idempotency, claim -> modifyClaimed(caller, requestId, claim, order, change));
    }

    /** Modifies the order under a request id its caller has claimed (a modification that moves stock and payment). */
    Outcome<OrderRejection> modifyClaimed(
            Caller caller,
            @Nullable String requestId,
            RequestClaims.@Nullable Claim claim,
            OrderId order,
            Modification change) {
        var command = new OrderCommand.ModifyOrder(order, change, now());
        return execute(caller, requestId, claim, order, state -> decide(command, state));
    }

    public Outcome<OrderRejection> ship(Caller caller, OrderId order, List<LineQuantity> lines) {
        return ship(caller, null, order, lines);
    }

    /** Ships {@code lines}; with a request id, a retry ships nothing more and answers the first shipment. */
    public Outcome<OrderRejection> ship(
            Caller caller, @Nullable String requestId, OrderId order, List<LineQuantity> lines) {
        var command = new OrderCommand.ShipItems(order, lines, now());
        return adminOnly(caller, requestId, RequestHash.of("ship", order, lines), order, "ship", command);
    }

    /** Ships everything still open. */
    public Outcome<OrderRejection> shipAll(Caller caller, OrderId order) {
        return shipAll(caller, null, order);
    }

    /** Ships everything still open; with a request id, a retry answers the first shipment. */
    public Outcome<OrderRejection> shipAll(Caller caller, @Nullable String requestId, OrderId order) {
        var command = new OrderCommand.ShipRemaining(order, now());
        return adminOnly(caller, requestId, RequestHash.of("ship-all", order), order, "ship", command);
    }

    public Outcome<OrderRejection> complete(Caller caller, @Nullable String requestId, OrderId order) {
        var command = new OrderCommand.CompleteOrder(order, now());
        return once(caller, requestId, RequestHash.of("complete", order), order, state -> decide(command, state));
    }

    public Outcome<OrderRejection> cancel(Caller caller, @Nullable String requestId, OrderId order) {
        CancelledBy by = caller.isAdmin() || caller.isSystem() ? CancelledBy.ADMIN : CancelledBy.BUYER;
        var command = new OrderCommand.CancelOrder(order, by, now());
        return once(caller, requestId, RequestHash.of("cancel", order), order, state -> decide(command, state));
    }

    public Outcome<OrderRejection> delete(Caller caller, OrderId order) {
        return delete(caller, null, order);
    }

    /** Soft-deletes a finished order; with a request id, a retry answers the first deletion. */
    public Outcome<OrderRejection> delete(Caller caller, @Nullable String requestId, OrderId order) {
        var command = new OrderCommand.DeleteOrder(order, now());
        return adminOnly(caller, requestId, RequestHash.of("delete", order), order, "delete", command);
    }

    /** The order's current state as the decider sees it, if the caller may see it. */
    public Visible load(Caller caller, OrderId order) {
        var loaded = runner.load(stream(order));
        boolean visible = loaded.state() instanceof OrderState.Existing existing
                && caller.mayActOn(existing.facts().buyer().id());
        return new Visible(visible ? loaded.state() : new OrderState.None(), visible ? loaded.version() : 0);
    }

    /** A folded order as a caller may see it: {@code None} when it does not exist or is not theirs. */
    public record Visible(OrderState state, long version) {}

    /** The claims of Ordering's request ids, for checkout's work that spans the basket, stock and payment. */
    RequestClaims claims() {
        return runner.claims();
    }

    /** A command only some callers may give; the others, if they may see the order, are told it is forbidden. */
    private Outcome<OrderRejection> adminOnly(
            Caller caller,
            @Nullable String requestId,
            String hash,
            OrderId order,
            String action,
            OrderCommand command) {
        boolean allowed = caller.isAdmin() || caller.isSystem();
        return once(
                caller, requestId, hash, order, state -> allowed ? decide(command, state) : forbidden(order, action));
    }

    private Outcome<OrderRejection> systemOnly(
            Caller caller, OrderId order, String action, OrderCommand command, @Nullable RecordedEvent cause) {
        Function<OrderState, Metadata> metadata =
                state -> cause == null ? metadata(caller, null) : Metadata.causedBy(cause, caller.subject());
        return runner.run(
                stream(order),
                metadata,
                null,
                state -> visibleTo(caller, order, state)
                        ? caller.isSystem() ? decide(command, state) : forbidden(order, action)
                        : reject(new UnknownOrder(order)));
    }

    private Outcome<OrderRejection> once(
            Caller caller,
            @Nullable String requestId,
            String hash,
            OrderId order,
            Function<OrderState, Decision<OrderEvent, OrderRejection>> decision) {
        return runner.claims()
                .once(request(caller, requestId, hash), claim -> execute(caller, requestId, claim, order, decision));
    }

    private Outcome<OrderRejection> execute(
            Caller caller,
            @Nullable String requestId,
            RequestClaims.@Nullable Claim claim,
            OrderId order,
            Function<OrderState, Decision<OrderEvent, OrderRejection>> decision) {
        return runner.runClaimed(
                stream(order),
                state -> actingOn(caller, requestId, state),
                claim,
                state -> visibleTo(caller, order, state) ? decision.apply(state) : reject(new UnknownOrder(order)));
    }

    private static boolean visibleTo(Caller caller, OrderId order, OrderState state) {
        return !(state instanceof OrderState.Existing existing)
                || caller.mayActOn(existing.facts().buyer().id());
    }

    private static Decision<OrderEvent, OrderRejection> forbidden(OrderId order, String action) {
        return reject(new Forbidden(order, action));
    }

    private Decision<OrderEvent, OrderRejection> decide(OrderCommand command, OrderState state) {
        return runner.decider().decide(command, state);
    }

    private static @Nullable IdempotencyRequest request(Caller caller, @Nullable String requestId, String hash) {
        return requestId == null ? null : new IdempotencyRequest(caller.subject(), requestId, hash);
    }

    /** An admin acting on a buyer's order acts on that buyer's behalf; the audit data names them. */
    private Metadata actingOn(Caller caller, @Nullable String requestId, OrderState state) {
        Metadata metadata = metadata(caller, requestId);
        if (caller.isAdmin() && state instanceof OrderState.Existing existing) {
            String buyer = existing.facts().buyer().id().toString();
            return buyer.equals(caller.subject()) ? metadata : metadata.onBehalfOf(buyer);
        }
        return metadata;
    }

    Metadata metadata(Caller caller, @Nullable String requestId) {
        return new Metadata(caller.subject(), caller.roleNames(), stores.ids().next(), null, requestId);
    }

    private Instant now() {
        return stores.clock().instant();
    }
}
