package org.bookworm.ordering.core.finance;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Published;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.StreamType;
import org.bookworm.ordering.core.finance.PaymentGateway.Answer;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Finance's payments: each call asks the gateway with the step's deterministic key, then records the movement in
 * stream {@code payment-<orderId>} under the same key. Repeating a call (redelivery, crash between the gateway and the
 * append) asks the gateway with the same key, which answers as before, and records nothing new.
 */
public final class PaymentService implements PaymentAuthorizations {
    /** The kind of the streams this service owns: {@code payment-<id>}. */
    public static final StreamType STREAM = StreamType.of("payment");

    private final EventSourcedRunner<PaymentCommand, PaymentState, PaymentEvent, PaymentRejection> runner;
    private final EventSourcedRunner.Stores stores;
    private final PaymentGateway gateway;

    /** What an authorization attempt came to: Finance publishes it with {@link PaymentAuthorizations}. */
    @Published
    public sealed interface Authorization {
        record Approved() implements Authorization {}

        record Declined(String reason) implements Authorization {}

        record TimedOut() implements Authorization {}
    }

    /** The gateway did not perform a capture, void or refund; the caller retries with the same step. */
    public static final class GatewayFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GatewayFailed(String message) {
            super(message);
        }
    }

    public PaymentService(EventSourcedRunner.Stores stores, PaymentGateway gateway) {
        this.stores = stores;
        this.gateway = gateway;
        this.runner = new EventSourcedRunner<>(
                new PaymentDecider(), PaymentDecider.VERSION, PaymentState.class, PaymentEvent.class, stores, 0);
    }

    public static StreamId stream(OrderId order) {
        return StreamId.of(PaymentService.STREAM, order.value());
    }

    public PaymentState load(OrderId order) {
        return runner.load(stream(order)).state();
    }

    /**
     * Authorizes {@code amount} for step {@code step} (e.g. "authorize/2"). A late approval of a closed payment is
     * voided.
     */
    @Override
    public Authorization authorize(OrderId order, String step, PaymentMethod method, Money amount) {
        UUID key = StepKeys.of(order, "authorize", step);
        return switch (gateway.authorize(key, method, amount)) {
            case Answer.Approved approved -> {
                var outcome = record(new PaymentCommand.Authorize(order, key, amount, approved.reference(), now()));
                if (outcome instanceof Outcome.Refused<PaymentRejection>) {
                    // the checkout ended before this approval came: give the money back at once
                    gateway.voidAuthorization(StepKeys.of(order, "void-late", step), approved.reference(), amount);
                    yield new Authorization.Declined("the checkout ended before the payment was approved");
                }
                yield new Authorization.Approved();
            }
            case Answer.Declined declined -> {
                record(new PaymentCommand.Decline(order, key, declined.reason(), now()));
                yield new Authorization.Declined(declined.reason());
            }
            case Answer.TimedOut timedOut -> new Authorization.TimedOut();
        };
    }

    /**
     * Captures one shipment's value; the shipment id makes the key. A capture the payment refuses (none authorized,
     * closed, beyond what is open) never reaches the provider.
     * @throws IllegalStateException if the payment refuses it: a shipment the checkout should not have let through
     */
    public void capture(OrderId order, UUID shipment, Money amount) {
        UUID key = StepKeys.of(order, "capture", shipment);
        var capture = new PaymentCommand.Capture(order, key, amount, now());
        if (move(capture, active -> requireApproved(gateway.capture(key, active.reference(), amount), "capture"))
                instanceof Outcome.Refused<PaymentRejection> refused) {
            throw new IllegalStateException(refused.reason().message());
        }
    }

    /** Voids what is authorized and not captured, and closes the payment; without a payment, nothing happens. */
    void voidRemaining(OrderId order, String step) {
        UUID key = StepKeys.of(order, "void", step);
        move(new PaymentCommand.VoidAuthorization(order, key, now()), active -> {
            if (!active.open().isZero()) {
                requireApproved(gateway.voidAuthorization(key, active.reference(), active.open()), "void");
            }
        });
    }

    /** Refunds part of what was captured; a refund the payment refuses never reaches the provider. */
    public Outcome<PaymentRejection> refund(OrderId order, String step, Money amount) {
        UUID key = StepKeys.of(order, "refund", step);
        return move(
                new PaymentCommand.Refund(order, key, amount, now()),
                active -> requireApproved(gateway.refund(key, active.reference(), amount), "refund"));
    }

    private Outcome<PaymentRejection> record(PaymentCommand command) {
        return move(command, active -> {});
    }

    /**
     * Decides the movement against the payment, and only when {@link PaymentDecider} accepts it as new moves the money
     * at the provider (under the step's key), then records it: the rules live in the decider alone. A conflict decides
     * again and asks the provider again with the same key, which answers as before.
     */
    private Outcome<PaymentRejection> move(PaymentCommand command, Consumer<PaymentState.Active> atTheProvider) {
        var metadata = new Metadata(
                CheckoutSagaService.ACTOR, List.of("system"), stores.ids().next(), null, null);
        return runner.run(stream(command.orderId()), metadata, null, state -> {
            var decision = runner.decider().decide(command, state);
            if (!decision.events().isEmpty() && state instanceof PaymentState.Active active) {
                atTheProvider.accept(active);
            }
            return decision;
        });
    }

    private static void requireApproved(Answer answer, String what) {
        if (!(answer instanceof Answer.Approved)) {
            throw new GatewayFailed("the payment provider did not " + what + ": " + answer);
        }
    }

    private java.time.Instant now() {
        return stores.clock().instant();
    }
}
