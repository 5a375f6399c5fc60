package org.bookworm.ordering.core.ordering;

import static org.bookworm.ordering.core.eventsourcing.Decision.reject;

import java.time.Duration;
import java.util.function.Function;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner.IdempotencyRequest;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.RequestClaims;
import org.bookworm.ordering.core.ordering.OrderRejection.Forbidden;
import org.bookworm.ordering.core.ordering.OrderRejection.UnknownOrder;
import org.jspecify.annotations.Nullable;

/**
 * How {@link OrderService}'s commands run: once per request id, visible only to callers who may see the order
 * (another buyer's order is {@code UnknownOrder}), and stamped with audit data that names the buyer an admin acts
 * for.
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

    /** A command only some callers may give; the others, if they may see the order, are told it is forbidden. */
    Outcome<OrderRejection> adminOnly(
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

    /** A command for the checkout saga; with its {@code cause}, the event names that cause and its correlation. */
    Outcome<OrderRejection> systemOnly(
            Caller caller, OrderId order, String action, OrderCommand command, @Nullable RecordedEvent cause) {
        Function<OrderState, Metadata> metadata =
                state -> cause == null ? metadata(caller, null) : Metadata.causedBy(cause, caller.subject());
        return runner.run(
                OrderService.stream(order),
                metadata,
                null,
                state -> visibleTo(caller, order, state)
                        ? caller.isSystem() ? decide(command, state) : forbidden(order, action)
                        : reject(new UnknownOrder(order)));
    }

    /** Runs {@code command} once per request id, if the caller may see the order. */
    Outcome<OrderRejection> once(
            Caller caller, @Nullable String requestId, String hash, OrderId order, OrderCommand command) {
        return once(caller, requestId, hash, order, state -> decide(command, state));
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

    /** Runs a decision under a request id its caller has claimed, if the caller may see the order. */
    Outcome<OrderRejection> execute(
            Caller caller,
            @Nullable String requestId,
            RequestClaims.@Nullable Claim claim,
            OrderId order,
            Function<OrderState, Decision<OrderEvent, OrderRejection>> decision) {
        return runner.runClaimed(
                OrderService.stream(order),
                state -> actingOn(caller, requestId, state),
                claim,
                state -> visibleTo(caller, order, state) ? decision.apply(state) : reject(new UnknownOrder(order)));
    }

    /**
     * As above, for a decision that needs checkout's stock and payment steps ({@code before}) to agree before it is
     * appended: decided once per attempt, refused as a {@link CheckoutRejection}.
     */
    Outcome<CheckoutRejection> execute(
            Caller caller,
            @Nullable String requestId,
            RequestClaims.@Nullable Claim claim,
            OrderId order,
            Function<OrderState, Decision<OrderEvent, OrderRejection>> decision,
            EventSourcedRunner.BeforeAppend<OrderState, OrderEvent, CheckoutRejection> before) {
        return runner.runClaimed(
                OrderService.stream(order),
                state -> actingOn(caller, requestId, state),
                claim,
                state -> visibleTo(caller, order, state) ? decision.apply(state) : reject(new UnknownOrder(order)),
                reason -> reason,
                before);
    }

    private static boolean visibleTo(Caller caller, OrderId order, OrderState state) {
        return !(state instanceof OrderState.Existing existing)
                || caller.mayActOn(existing.facts().buyer().id());
    }

    private static Decision<OrderEvent, OrderRejection> forbidden(OrderId order, String action) {
        return reject(new Forbidden(order, action));
    }

    Decision<OrderEvent, OrderRejection> decide(OrderCommand command, OrderState state) {
        return runner.decider().decide(command, state);
    }

    static @Nullable IdempotencyRequest request(Caller caller, @Nullable String requestId, String hash) {
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
}
