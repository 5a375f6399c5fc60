package org.bookworm.ordering.core.ordering;

import java.util.List;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.RequestHash;
import org.bookworm.ordering.core.finance.CheckoutRequests;
import org.bookworm.ordering.core.finance.PaymentAuthorizations;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.ordering.CheckoutRejection.CheckoutNotConfirmed;
import org.bookworm.ordering.core.ordering.CheckoutRejection.OutOfStock;
import org.bookworm.ordering.core.ordering.CheckoutRejection.PaymentDeclined;
import org.jspecify.annotations.Nullable;

/** Modifications before shipment that keep the reservation and the authorization in step (see CheckoutService). */
final class OrderModifications {
    private final OrderService orders;
    private final CheckoutRequests sagas;
    private final Inventory inventory;
    private final PaymentAuthorizations payments;

    OrderModifications(
            OrderService orders, CheckoutRequests sagas, Inventory inventory, PaymentAuthorizations payments) {
        this.orders = orders;
        this.sagas = sagas;
        this.inventory = inventory;
        this.payments = payments;
    }

    /**
     * Modifies the order once per request id: the claim covers the stock and payment steps too, so a retry racing
     * the first call neither adjusts nor authorizes again, and answers the first outcome. The order is loaded and
     * decided once per attempt: the stock and payment steps act on the very events that are then appended.
     */
    Outcome<CheckoutRejection> modify(Caller caller, @Nullable String requestId, OrderId order, Modification change) {
        var idempotency = requestId == null
                ? null
                : new EventSourcedRunner.IdempotencyRequest(
                        caller.subject(), requestId, RequestHash.of("modify", order, change));
        return orders.claims().once(idempotency, claim -> {
            if (change instanceof Modification.ChangeShippingAddress) {
                return widen(orders.modifyClaimed(caller, requestId, claim, order, change));
            }
            var steps = new StockAndPayment(order);
            Outcome<CheckoutRejection> outcome = orders.modifyClaimed(caller, requestId, claim, order, change, steps);
            if (!outcome.isDone()) {
                steps.undo();
            }
            return outcome;
        });
    }

    /**
     * Checkout's steps for a decided modification of a confirmed order: adjust the reservation (all or nothing), then
     * authorize a higher total for the difference. A refusal puts the reservation back. An order still in checkout
     * cannot change quantities yet; any other stage is Ordering's to answer (its decider refused or accepted).
     */
    private final class StockAndPayment
            implements EventSourcedRunner.BeforeAppend<OrderState, OrderEvent, CheckoutRejection> {
        private final OrderId order;
        private @Nullable List<LineQuantity> adjustedFrom;

        private StockAndPayment(OrderId order) {
            this.order = order;
        }

        @Override
        public @Nullable CheckoutRejection check(OrderState state, long version, List<OrderEvent> events) {
            if (state instanceof OrderState.Placed) {
                return new CheckoutNotConfirmed(order);
            }
            if (!(state instanceof OrderState.Confirmed confirmed)
                    || events.isEmpty()
                    || !(events.get(0) instanceof OrderEvent.OrderModified modified)) {
                return null;
            }
            List<LineQuantity> before = LineQuantity.of(confirmed.facts().lines());
            if (inventory.adjust(order, LineQuantity.of(modified.lines())) instanceof Inventory.Answer.OutOfStock out) {
                return new OutOfStock(order, out.books());
            }
            adjustedFrom = before;
            Money raise = modified.total().isGreaterThan(confirmed.facts().total())
                    ? modified.total().minus(confirmed.facts().total())
                    : Money.zero(modified.total().currency());
            return raise.isZero() ? null : authorize(version, raise);
        }

        private @Nullable CheckoutRejection authorize(long version, Money raise) {
            var paid = payments.authorize(order, "modify/" + version, sagas.paymentMethodOf(order), raise);
            if (paid instanceof PaymentService.Authorization.Approved) {
                return null;
            }
            undo();
            String reason = paid instanceof PaymentService.Authorization.Declined declined
                    ? declined.reason()
                    : "the payment provider did not answer";
            return new PaymentDeclined(order, reason);
        }

        /** Puts the reservation back as the order had it, if this step changed it. */
        void undo() {
            if (adjustedFrom != null) {
                inventory.adjust(order, adjustedFrom);
                adjustedFrom = null;
            }
        }
    }

    private static Outcome<CheckoutRejection> widen(Outcome<OrderRejection> outcome) {
        return switch (outcome) {
            case Outcome.Done<OrderRejection> done -> new Outcome.Done<>(done.stream(), done.version());
            case Outcome.Refused<OrderRejection> refused -> new Outcome.Refused<>(refused.reason());
        };
    }
}
