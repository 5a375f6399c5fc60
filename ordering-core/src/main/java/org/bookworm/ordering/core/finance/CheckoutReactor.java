package org.bookworm.ordering.core.finance;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.ordering.OrderState;

/**
 * Finance's and Basket's reactions, as one subscription of the log. Order events become saga messages (OrderPlaced
 * starts it, cancellation, shipments and completion follow); saga events become effects: reserve, authorize, confirm,
 * capture and commit, or compensate. Compensation records the order's fate first (OrderFailed, so the buyer hears of
 * it whatever else is down), then releases the stock, voids the payment and frees the basket. Every effect is
 * idempotent (per order, per step key, per shipment), so redelivery after a crash, and the subscription's retries of a
 * failure that passes by waiting (a store down), are harmless: a step that failed is tried again from the start.
 */
public final class CheckoutReactor implements EventHandler {
    public static final String NAME = "checkout-saga";
    private static final Caller FINANCE = Caller.system("finance");

    private final CheckoutSagaService sagas;
    private final PaymentService payments;
    private final OrderService orders;
    private final Inventory inventory;
    private final BasketStore baskets;
    private final SagaDeadlines deadlines;
    private final InstantSource clock;

    public CheckoutReactor(
            CheckoutSagaService sagas,
            PaymentService payments,
            OrderService orders,
            Inventory inventory,
            BasketStore baskets,
            SagaDeadlines deadlines,
            InstantSource clock) {
        this.sagas = sagas;
        this.payments = payments;
        this.orders = orders;
        this.inventory = inventory;
        this.baskets = baskets;
        this.deadlines = deadlines;
        this.clock = clock;
    }

    @Override
    public void handle(RecordedEvent recorded) {
        switch (recorded.event()) {
            case OrderEvent event -> onOrder(event, recorded);
            case CheckoutEvent event -> onCheckout(event, recorded);
            default -> {
                // other streams are not Finance's concern
            }
        }
    }

    private void onOrder(OrderEvent event, RecordedEvent recorded) {
        Instant now = clock.instant();
        OrderId order = event.orderId();
        CheckoutCommand command = switch (event) {
            case OrderEvent.OrderPlaced placed ->
                new CheckoutCommand.StartCheckout(
                        order, LineQuantity.of(placed.lines()), placed.total(), sagas.timeouts(), now);
            case OrderEvent.OrderCancelled cancelled -> new CheckoutCommand.NoteCancellation(order, now);
            case OrderEvent.ItemsShipped shipped ->
                new CheckoutCommand.NoteShipment(order, recorded.eventId(), shipped.lines(), shipped.value(), now);
            case OrderEvent.OrderCompleted completed -> new CheckoutCommand.NoteCompletion(order, now);
            default -> null;
        };
        if (command != null) {
            sagas.handle(command, Metadata.causedBy(recorded, CheckoutSagaService.ACTOR));
        }
        if (event instanceof OrderEvent.OrderModified modified) {
            followModification(modified, recorded);
        }
    }

    /**
     * A modification that did not come through {@code CheckoutService.modifyOrder} (which adjusts and authorizes
     * first, with the same keys, so this then changes nothing): keep the reservation and the authorization in step
     * with the confirmed order as well as they can be. Refusing is no longer possible here; a shortfall shows when
     * the shipment is captured.
     */
    private void followModification(OrderEvent.OrderModified modified, RecordedEvent recorded) {
        OrderId order = modified.orderId();
        if (!(sagas.load(order) instanceof CheckoutState.Confirmed confirmed)) {
            return;
        }
        inventory.adjust(order, LineQuantity.of(modified.lines()));
        if (payments.load(order) instanceof org.bookworm.ordering.core.finance.PaymentState.Active active
                && modified.total().isGreaterThan(active.authorized().minus(active.voided()))) {
            payments.authorize(
                    order,
                    "modify/" + (recorded.version() - 1),
                    confirmed.facts().paymentMethod(),
                    modified.total().minus(active.authorized().minus(active.voided())));
        }
    }

    private void onCheckout(CheckoutEvent event, RecordedEvent recorded) {
        OrderId order = event.orderId();
        switch (event) {
            case CheckoutEvent.CheckoutRequested requested -> deadlines.schedule(order, 0, requested.dueAt());
            case CheckoutEvent.CheckoutAbandoned abandoned -> {
                deadlines.completeAll(order);
                baskets.releaseCheckout(abandoned.buyer(), order);
            }
            case CheckoutEvent.ReservationRequested requested -> {
                deadlines.complete(order, requested.step() - 1);
                deadlines.schedule(order, requested.step(), requested.dueAt());
                reserve(order, requested, recorded);
            }
            case CheckoutEvent.PaymentRequested requested -> {
                deadlines.complete(order, requested.step() - 1);
                deadlines.schedule(order, requested.step(), requested.dueAt());
                authorize(order, requested, recorded);
            }
            case CheckoutEvent.CheckoutConfirmed confirmed -> {
                deadlines.completeAll(order);
                orders.confirm(FINANCE, order, recorded);
            }
            case CheckoutEvent.CheckoutFailed failed -> {
                deadlines.completeAll(order);
                // the fate first: a store that is down for the steps below must not keep the order Placed
                orders.fail(FINANCE, order, failed.reason(), recorded);
                compensate(order, "fail");
            }
            case CheckoutEvent.CheckoutCancelled cancelled -> {
                deadlines.completeAll(order);
                compensate(order, "cancel");
            }
            case CheckoutEvent.CaptureRequested capture -> {
                payments.capture(order, capture.shipment(), capture.value());
                inventory.commit(order, capture.shipment(), capture.lines());
            }
            case CheckoutEvent.CheckoutCompleted completed -> {
                inventory.release(order);
                payments.voidRemaining(order, "complete");
            }
            default -> {
                // facts with no effect of their own
            }
        }
    }

    private void reserve(OrderId order, CheckoutEvent.ReservationRequested requested, RecordedEvent recorded) {
        if (!(sagas.load(order) instanceof CheckoutState.Reserving reserving) || reserving.step() != requested.step()) {
            return; // the saga moved on: this request is stale
        }
        List<org.bookworm.ordering.core.common.BookId> missing =
                switch (inventory.reserve(order, reserving.facts().lines())) {
                    case Inventory.Answer.Reserved reserved -> List.of();
                    case Inventory.Answer.OutOfStock outOfStock -> outOfStock.books();
                    case Inventory.Answer.Closed closed -> List.of(); // released before: the saga is over anyway
                };
        sagas.handle(
                new CheckoutCommand.RecordReservation(order, missing, sagas.timeouts(), clock.instant()),
                Metadata.causedBy(recorded, CheckoutSagaService.ACTOR));
    }

    private void authorize(OrderId order, CheckoutEvent.PaymentRequested requested, RecordedEvent recorded) {
        if (!(sagas.load(order) instanceof CheckoutState.Authorizing authorizing)
                || authorizing.step() != requested.step()) {
            return;
        }
        var facts = authorizing.facts();
        var answer =
                payments.authorize(order, String.valueOf(requested.attempt()), facts.paymentMethod(), facts.total());
        var metadata = Metadata.causedBy(recorded, CheckoutSagaService.ACTOR);
        switch (answer) {
            case PaymentService.Authorization.Approved approved ->
                sagas.handle(new CheckoutCommand.RecordApproval(order, requested.attempt(), clock.instant()), metadata);
            case PaymentService.Authorization.Declined declined ->
                sagas.handle(
                        new CheckoutCommand.RecordDecline(
                                order, requested.attempt(), declined.reason(), clock.instant()),
                        metadata);
            case PaymentService.Authorization.TimedOut timedOut -> {
                // no answer: the step's deadline retries or gives up
            }
        }
        if (sagas.load(order) instanceof CheckoutState.Failed || sagas.load(order) instanceof CheckoutState.Cancelled) {
            payments.voidRemaining(order, "late"); // an approval that came after the checkout ended
        }
    }

    private void compensate(OrderId order, String step) {
        inventory.release(order);
        payments.voidRemaining(order, step);
        if (orders.load(FINANCE, order).state() instanceof OrderState.Existing existing) {
            baskets.releaseCheckout(existing.facts().buyer().id(), order);
        }
    }
}
