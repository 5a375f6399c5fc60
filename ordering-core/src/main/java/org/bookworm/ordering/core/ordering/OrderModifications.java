package org.bookworm.ordering.core.ordering;

import java.util.List;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.RequestHash;
import org.bookworm.ordering.core.finance.CheckoutSagaService;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.ordering.CheckoutRejection.CheckoutNotConfirmed;
import org.bookworm.ordering.core.ordering.CheckoutRejection.OutOfStock;
import org.bookworm.ordering.core.ordering.CheckoutRejection.PaymentDeclined;
import org.jspecify.annotations.Nullable;

/** Modifications before shipment that keep the reservation and the authorization in step (see CheckoutService). */
final class OrderModifications {
    private final EventSourcedRunner.Stores stores;
    private final OrderService orders;
    private final CheckoutSagaService sagas;
    private final Inventory inventory;
    private final PaymentService payments;

    OrderModifications(
            EventSourcedRunner.Stores stores,
            OrderService orders,
            CheckoutSagaService sagas,
            Inventory inventory,
            PaymentService payments) {
        this.stores = stores;
        this.orders = orders;
        this.sagas = sagas;
        this.inventory = inventory;
        this.payments = payments;
    }

    /**
     * Modifies the order once per request id: the claim covers the stock and payment steps too, so a retry racing
     * the first call neither adjusts nor authorizes again, and answers the first outcome.
     */
    Outcome<CheckoutRejection> modify(Caller caller, @Nullable String requestId, OrderId order, Modification change) {
        var idempotency = requestId == null
                ? null
                : new EventSourcedRunner.IdempotencyRequest(
                        caller.subject(), requestId, RequestHash.of("modify", order, change));
        return orders.claims().once(idempotency, claim -> {
            Ordering ordering = () -> fromOrder(orders.modifyClaimed(caller, requestId, claim, order, change));
            return change instanceof Modification.ChangeShippingAddress
                    ? ordering.modify()
                    : withStockAndPayment(caller, order, change, ordering);
        });
    }

    /** The modification of the order itself, once stock and payment agree. */
    @FunctionalInterface
    private interface Ordering {
        Outcome<CheckoutRejection> modify();
    }

    private Outcome<CheckoutRejection> withStockAndPayment(
            Caller caller, OrderId order, Modification change, Ordering ordering) {
        OrderService.Visible visible = orders.load(caller, order);
        if (!(visible.state() instanceof OrderState.Confirmed confirmed)) {
            if (visible.state() instanceof OrderState.Placed) {
                return refused(new CheckoutNotConfirmed(order));
            }
            return ordering.modify();
        }
        var decision = new OrderDecider()
                .decide(
                        new OrderCommand.ModifyOrder(
                                order, change, stores.clock().instant()),
                        confirmed);
        if (decision.events().isEmpty() || !(decision.events().get(0) instanceof OrderEvent.OrderModified modified)) {
            return ordering.modify(); // a refusal or a no-op: Ordering answers
        }
        List<LineQuantity> before = LineQuantity.of(confirmed.facts().lines());
        if (inventory.adjust(order, LineQuantity.of(modified.lines())) instanceof Inventory.Answer.OutOfStock out) {
            return refused(new OutOfStock(order, out.books()));
        }
        Money raise = modified.total().isGreaterThan(confirmed.facts().total())
                ? modified.total().minus(confirmed.facts().total())
                : Money.zero(modified.total().currency());
        if (!raise.isZero()) {
            var paid = payments.authorize(order, "modify/" + visible.version(), sagas.paymentMethodOf(order), raise);
            if (!(paid instanceof PaymentService.Authorization.Approved)) {
                inventory.adjust(order, before);
                String reason = paid instanceof PaymentService.Authorization.Declined declined
                        ? declined.reason()
                        : "the payment provider did not answer";
                return refused(new PaymentDeclined(order, reason));
            }
        }
        Outcome<CheckoutRejection> outcome = ordering.modify();
        if (!outcome.isDone()) {
            inventory.adjust(order, before);
        }
        return outcome;
    }

    private static Outcome<CheckoutRejection> fromOrder(Outcome<OrderRejection> outcome) {
        return switch (outcome) {
            case Outcome.Done<OrderRejection> done -> new Outcome.Done<>(done.stream(), done.version());
            case Outcome.Refused<OrderRejection> refused -> refused(refused.reason());
        };
    }

    private static Outcome<CheckoutRejection> refused(CheckoutRejection rejection) {
        return new Outcome.Refused<>(rejection);
    }
}
