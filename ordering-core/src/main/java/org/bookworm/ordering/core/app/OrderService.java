package org.bookworm.ordering.core.app;

import static org.bookworm.ordering.core.decider.Decision.reject;

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
import org.bookworm.ordering.core.port.StreamId;
import org.bookworm.ordering.core.port.StreamType;
import org.jspecify.annotations.Nullable;

/**
 * Ordering's use cases. Who may do what: a buyer acts on their own orders only (another buyer's order is {@code
 * UnknownOrder}); shipping and deleting are for admins; confirming and failing are for the checkout saga.
 */
public final class OrderService {
    private final EventSourcedRunner<OrderCommand, OrderState, OrderEvent, OrderRejection> runner;
    private final EventSourcedRunner.Stores stores;

    public OrderService(EventSourcedRunner.Stores stores) {
        this.stores = stores;
        this.runner = new EventSourcedRunner<>(
                new OrderDecider(), OrderDecider.VERSION, OrderState.class, OrderEvent.class, stores, 50);
    }

    public static StreamId stream(OrderId order) {
        return StreamId.of(StreamType.ORDER, order.value());
    }

    /** Places a new order; with a request id, a retry answers with the first order placed for it. */
    public Outcome<OrderRejection> place(
            Caller caller, @Nullable String requestId, BuyerSnapshot buyer, Address shipTo, List<OrderLine> lines) {
        return place(
                caller,
                requestId,
                RequestHash.of("place", buyer, shipTo, lines),
                new OrderId(stores.ids().next()),
                buyer,
                shipTo,
                lines);
    }

    /**
     * Places order {@code order}, an id chosen beforehand (checkout writes its own stream under it first). With a
     * request id, a retry with the same {@code requestHash} answers with the first order placed for it.
     */
    Outcome<OrderRejection> place(
            Caller caller,
            @Nullable String requestId,
            String requestHash,
            OrderId order,
            BuyerSnapshot buyer,
            Address shipTo,
            List<OrderLine> lines) {
        var command = new OrderCommand.PlaceOrder(
                order, buyer, shipTo, lines, stores.clock().instant());
        IdempotencyRequest idempotency =
                requestId == null ? null : new IdempotencyRequest(caller.subject(), requestId, requestHash);
        return runner.run(
                stream(order),
                metadata(caller, requestId),
                idempotency,
                state -> caller.mayActOn(buyer.id())
                        ? runner.decider().decide(command, state)
                        : reject(new Forbidden(order, "place an order for another buyer")));
    }

    public Outcome<OrderRejection> confirm(Caller caller, OrderId order) {
        return systemOnly(caller, order, "confirm", state -> new OrderCommand.ConfirmOrder(order, now()));
    }

    public Outcome<OrderRejection> fail(Caller caller, OrderId order, FailureReason reason) {
        return systemOnly(caller, order, "fail", state -> new OrderCommand.FailOrder(order, reason, now()));
    }

    public Outcome<OrderRejection> modify(
            Caller caller, @Nullable String requestId, OrderId order, Modification change) {
        return execute(
                caller,
                requestId,
                order,
                RequestHash.of("modify", order, change),
                state -> decide(new OrderCommand.ModifyOrder(order, change, now()), state));
    }

    public Outcome<OrderRejection> ship(Caller caller, OrderId order, List<LineQuantity> lines) {
        return adminOnly(caller, order, "ship", state -> new OrderCommand.ShipItems(order, lines, now()));
    }

    /** Ships everything still open. */
    public Outcome<OrderRejection> shipAll(Caller caller, OrderId order) {
        return adminOnly(caller, order, "ship", state -> new OrderCommand.ShipRemaining(order, now()));
    }

    public Outcome<OrderRejection> complete(Caller caller, @Nullable String requestId, OrderId order) {
        return execute(
                caller,
                requestId,
                order,
                RequestHash.of("complete", order),
                state -> decide(new OrderCommand.CompleteOrder(order, now()), state));
    }

    public Outcome<OrderRejection> cancel(Caller caller, @Nullable String requestId, OrderId order) {
        CancelledBy by = caller.isAdmin() || caller.isSystem() ? CancelledBy.ADMIN : CancelledBy.BUYER;
        return execute(
                caller,
                requestId,
                order,
                RequestHash.of("cancel", order),
                state -> decide(new OrderCommand.CancelOrder(order, by, now()), state));
    }

    public Outcome<OrderRejection> delete(Caller caller, OrderId order) {
        return adminOnly(caller, order, "delete", state -> new OrderCommand.DeleteOrder(order, now()));
    }

    /** The order's current state as the decider sees it, if the caller may see it. */
    public Visible load(Caller caller, OrderId order) {
        var loaded = runner.load(stream(order));
        boolean visible = loaded.state() instanceof OrderState.Existing existing
                && caller.mayActOn(existing.facts().buyer().id());
        return new Visible(visible ? loaded.state() : new OrderState.None(), visible ? loaded.version() : 0);
    }

    /**
     * The order as it stood right after its first {@code version} events, if the caller may see it: what a follower
     * of one event must act on, whatever happened to the order since (basket clearing takes the lines the order was
     * confirmed with, not those of a later modification).
     */
    public Visible loadAt(Caller caller, OrderId order, long version) {
        var events = stores.events().load(stream(order), 0, version);
        OrderState state = runner.decider().fold(events.domainEvents(OrderEvent.class));
        boolean visible = state instanceof OrderState.Existing existing
                && caller.mayActOn(existing.facts().buyer().id());
        return new Visible(visible ? state : new OrderState.None(), visible ? events.version() : 0);
    }

    /** A folded order as a caller may see it: {@code None} when it does not exist or is not theirs. */
    public record Visible(OrderState state, long version) {}

    private Outcome<OrderRejection> adminOnly(
            Caller caller, OrderId order, String action, Function<OrderState, OrderCommand> command) {
        return restricted(caller.isAdmin() || caller.isSystem(), caller, order, action, command);
    }

    private Outcome<OrderRejection> systemOnly(
            Caller caller, OrderId order, String action, Function<OrderState, OrderCommand> command) {
        return restricted(caller.isSystem(), caller, order, action, command);
    }

    /** A command only some callers may give; the others, if they may see the order, are told it is forbidden. */
    private Outcome<OrderRejection> restricted(
            boolean allowed, Caller caller, OrderId order, String action, Function<OrderState, OrderCommand> command) {
        return execute(
                caller,
                null,
                order,
                "",
                state -> allowed ? decide(command.apply(state), state) : reject(new Forbidden(order, action)));
    }

    private Outcome<OrderRejection> execute(
            Caller caller,
            @Nullable String requestId,
            OrderId order,
            String requestHash,
            Function<OrderState, Decision<OrderEvent, OrderRejection>> decision) {
        IdempotencyRequest idempotency =
                requestId == null ? null : new IdempotencyRequest(caller.subject(), requestId, requestHash);
        return runner.run(stream(order), metadata(caller, requestId), idempotency, state -> {
            if (state instanceof OrderState.Existing existing
                    && !caller.mayActOn(existing.facts().buyer().id())) {
                return reject(new UnknownOrder(order));
            }
            return decision.apply(state);
        });
    }

    private Decision<OrderEvent, OrderRejection> decide(OrderCommand command, OrderState state) {
        return runner.decider().decide(command, state);
    }

    private Metadata metadata(Caller caller, @Nullable String requestId) {
        return new Metadata(caller.subject(), caller.roleNames(), stores.ids().next(), null, requestId);
    }

    private java.time.Instant now() {
        return stores.clock().instant();
    }
}
