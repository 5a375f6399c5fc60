package org.bookworm.ordering.core.finance;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bookworm.ordering.core.basket.BasketCheckouts;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.eventsourcing.Cause;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.finance.CheckoutSagaService.Handled;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderFates;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * Finance's and Basket's reactions, as one subscription of the log. Order events become saga messages (OrderPlaced
 * starts it, cancellation, shipments and completion follow); saga events become effects: reserve, authorize, confirm,
 * capture and commit, or compensate. Compensation records the order's fate first (OrderFailed, so the buyer hears of
 * it whatever else is down), then releases the stock, voids the payment and frees the basket. Every effect is
 * idempotent (per order, per step key, per shipment), so redelivery after a crash, and the subscription's retries of a
 * failure that passes by waiting (a store down), are harmless: a step that failed is tried again from the start.
 *
 * <p>A checkout flows forward (ADR 0043): when the saga's decision appends a request this reactor acts on (reserve,
 * authorize, confirm or fail the order), it acts on it at once, from the event it just appended, and decides the answer
 * on the saga as that append left it; so a checkout goes from OrderPlaced to OrderConfirmed in the one pass of the log
 * that read OrderPlaced, instead of waiting for the log to bring back each request in turn. The log still brings them:
 * one acted on ahead is passed over once ({@link ActedAhead}), and one the reactor did not act on (it failed, the
 * process restarted, or another process holds the lane now) is acted on then, as before, idempotently.
 */
public final class CheckoutReactor implements EventHandler {
    public static final String NAME = "checkout-saga";
    private static final Caller FINANCE = Caller.system("finance");
    private static final System.Logger LOG = System.getLogger(CheckoutReactor.class.getName());

    private final CheckoutSagaService sagas;
    private final PaymentService payments;
    private final OrderFates orders;
    private final Inventory inventory;
    private final BasketCheckouts baskets;
    private final InstantSource clock;
    private final ActedAhead ahead;

    public CheckoutReactor(
            CheckoutSagaService sagas,
            PaymentService payments,
            OrderFates orders,
            Inventory inventory,
            BasketCheckouts baskets,
            InstantSource clock) {
        this(sagas, payments, orders, inventory, baskets, clock, new ActedAhead(ActedAhead.CAPACITY));
    }

    /**
     * The same reactions, acting only on what the log brings, as a process that did not append the saga's requests
     * would: after a restart, or when another process took over the lane. For tests of that path.
     */
    CheckoutReactor fromTheLogOnly() {
        return new CheckoutReactor(sagas, payments, orders, inventory, baskets, clock, ActedAhead.NONE);
    }

    private CheckoutReactor(
            CheckoutSagaService sagas,
            PaymentService payments,
            OrderFates orders,
            Inventory inventory,
            BasketCheckouts baskets,
            InstantSource clock,
            ActedAhead ahead) {
        this.sagas = sagas;
        this.payments = payments;
        this.orders = orders;
        this.inventory = inventory;
        this.baskets = baskets;
        this.clock = clock;
        this.ahead = ahead;
    }

    /** Every event {@link #handle} acts on, and nothing else: what its subscription reads from the log. */
    static final EventFilter HANDLES = EventFilter.events(
            OrderEvent.OrderPlaced.class,
            OrderEvent.OrderCancelled.class,
            OrderEvent.ItemsShipped.class,
            OrderEvent.OrderCompleted.class,
            OrderEvent.OrderModified.class,
            CheckoutEvent.CheckoutAbandoned.class,
            CheckoutEvent.ReservationRequested.class,
            CheckoutEvent.PaymentRequested.class,
            CheckoutEvent.CheckoutConfirmed.class,
            CheckoutEvent.CheckoutFailed.class,
            CheckoutEvent.CheckoutCancelled.class,
            CheckoutEvent.CaptureRequested.class,
            CheckoutEvent.CheckoutCompleted.class);

    @Override
    public EventFilter handles() {
        return HANDLES;
    }

    @Override
    public void handle(RecordedEvent recorded) {
        switch (recorded.event()) {
            case OrderEvent event -> onOrder(event, recorded);
            case CheckoutEvent event -> {
                if (!ahead.passOver(recorded.eventId())) {
                    flowForward(onCheckout(event, Cause.of(recorded), null));
                }
            }
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
            flowForward(answer(command, Metadata.causedBy(recorded, CheckoutSagaService.ACTOR), null));
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

    /**
     * Acts at once on each event the saga's decision appended (or drafted) that this reactor acts on, as if the log had
     * brought it, the next decision made on the saga as {@code handled} left it; each acted on is remembered, so the
     * log's delivery of it is passed over. An effect that fails here is left to that delivery, which acts on it with
     * the subscription's retries and held lanes, as for any event: acting ahead only saves the wait.
     *
     * <p>The saga's requests to reserve and to authorize are acted on while they are only drafted, and the answers are
     * drafted after them (ADR 0060): the draft is appended in one append before any other event is acted on (one that
     * tells the order its fate, releases or captures), when the flow stops (no answer yet, or an effect failed), or at
     * the end. So a checkout appends its saga's steps once, not once per step. Reserving and authorizing before their
     * requests are stored is safe because both are keyed per order and attempt: if the append never happens (a crash,
     * a store down), the event that started the flow is delivered again and the flow runs again with the same keys.
     */
    private void flowForward(@Nullable Handled handled) {
        if (handled == null || !ahead.acts()) {
            return; // a reactor that acts only on what the log brings appended each decision already
        }
        Handled saga = handled;
        var toActOn = new ArrayDeque<NewEvent>(actedOn(handled));
        var actedInDraft = new ArrayList<NewEvent>();
        while (!toActOn.isEmpty()) {
            NewEvent next = toActOn.poll();
            CheckoutEvent event = (CheckoutEvent) next.event();
            if (saga.drafted() && !draftable(event)) {
                Handled stored = appendDrafted(saga, actedInDraft);
                if (stored == null) {
                    return;
                }
                saga = stored;
            }
            Handled answered;
            try {
                answered = onCheckout(event, Cause.of(next), saga);
            } catch (RuntimeException failure) {
                LOG.log(
                        Level.DEBUG,
                        () -> "the checkout of " + event.orderId() + " waits for the log to act on "
                                + event.getClass().getSimpleName() + ": " + failure);
                break;
            }
            if (saga.drafted()) {
                actedInDraft.add(next);
            } else {
                ahead.remember(next.eventId());
            }
            if (answered != null) {
                saga = answered;
                toActOn.addAll(actedOn(answered));
            }
        }
        if (saga.drafted()) {
            appendDrafted(saga, actedInDraft);
        }
    }

    /**
     * Appends the draft {@code saga} holds and answers the saga as stored, the drafted events acted on so far
     * remembered now that the log will bring them; or null when a writer appended first, and what its draft came to
     * on the saga caught up was stored and acted on instead.
     */
    private @Nullable Handled appendDrafted(Handled saga, List<NewEvent> actedInDraft) {
        Handled stored = sagas.append(saga);
        if (!storedAsDrafted(stored, saga)) {
            flowForwardInstead(saga.draftedOrder(), stored);
            return null;
        }
        actedInDraft.forEach(acted -> ahead.remember(acted.eventId()));
        actedInDraft.clear();
        return stored;
    }

    /** The events of the decision that this reactor acts on (at most one, for each decision of the saga). */
    private static List<NewEvent> actedOn(Handled handled) {
        return handled.appended().stream()
                .filter(appended -> appended.event() instanceof CheckoutEvent event
                        && HANDLES.matches(CheckoutSagaService.STREAM, EventFilter.typeName(event.getClass())))
                .toList();
    }

    /**
     * The requests acted on while only drafted: those whose effect is keyed so that doing it again changes nothing
     * (a reservation per order, an authorization per attempt), and which carry what the step needs, so that acting on
     * them reads nothing the draft has not stored.
     */
    private static boolean draftable(CheckoutEvent event) {
        return switch (event) {
            case CheckoutEvent.ReservationRequested requested -> requested.lines() != null;
            case CheckoutEvent.PaymentRequested requested -> requested.carriesPayment() && requested.attempt() == 1;
            default -> false;
        };
    }

    private static boolean storedAsDrafted(Handled stored, Handled drafted) {
        var ids = stored.appended().stream().map(NewEvent::eventId).toList();
        return ids.equals(Objects.requireNonNull(drafted.draft()).events().stream()
                .map(NewEvent::eventId)
                .toList());
    }

    /**
     * A writer appended to the saga while the draft was acted on (a cancellation, a deadline that fired): the draft's
     * messages were decided again on the saga caught up, and what that stored is acted on instead. A payment authorized
     * for the draft of a checkout that ended meanwhile is voided, as a late approval is.
     */
    private void flowForwardInstead(OrderId order, Handled stored) {
        if (stored.state() instanceof CheckoutState.Failed || stored.state() instanceof CheckoutState.Cancelled) {
            payments.voidRemaining(order, "late");
        }
        flowForward(stored);
    }

    /**
     * The answer to a message: appended on the saga {@code saga} describes (or on the saga loaded, when null), or,
     * when {@code saga} is a draft, decided into it; a first answer of a reactor that acts ahead starts a draft.
     */
    private Handled answer(CheckoutCommand command, Metadata metadata, @Nullable Handled saga) {
        return saga == null && ahead.acts() ? sagas.draft(command, metadata) : sagas.decide(command, metadata, saga);
    }

    /** Acts on a saga event, from the log ({@code saga} null) or just decided on the saga {@code saga} describes. */
    private @Nullable Handled onCheckout(CheckoutEvent event, Cause cause, @Nullable Handled saga) {
        OrderId order = event.orderId();
        // A request's deadline was written with the request, and the event that ends the saga completed them all in its
        // own append (SagaDeadlines, ADR 0049): nothing here touches them. A deadline of a step the saga has left that
        // fires first changes nothing (DeadlineReached is ignored then).
        switch (event) {
            case CheckoutEvent.CheckoutAbandoned abandoned -> {
                baskets.releaseCheckout(abandoned.buyer(), order);
            }
            case CheckoutEvent.ReservationRequested requested -> {
                return reserve(order, requested, cause, saga);
            }
            case CheckoutEvent.PaymentRequested requested -> {
                return authorize(order, requested, cause, saga);
            }
            case CheckoutEvent.CheckoutConfirmed confirmed -> {
                orders.confirm(FINANCE, order, cause);
            }
            case CheckoutEvent.CheckoutFailed failed -> {
                // the fate first: a store that is down for the steps below must not keep the order Placed
                orders.fail(FINANCE, order, failed.reason(), cause);
                compensate(order, "fail");
            }
            case CheckoutEvent.CheckoutCancelled cancelled -> {
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
        return null;
    }

    /**
     * Reserves the lines the request carries, then tells the saga (its one load in this step, none when the request
     * was just appended on {@code saga}). A stale or redelivered request is harmless: the reservation is per order (a
     * released one answers Closed), and the saga ignores an answer to a step it is no longer on.
     */
    private @Nullable Handled reserve(
            OrderId order, CheckoutEvent.ReservationRequested requested, Cause cause, @Nullable Handled saga) {
        List<LineQuantity> lines = requested.lines() != null ? requested.lines() : linesOfStoredSaga(order, requested);
        if (lines == null) {
            return null; // the saga moved on: this request is stale
        }
        List<BookId> missing = switch (inventory.reserve(order, lines)) {
            case Inventory.Answer.Reserved reserved -> List.of();
            case Inventory.Answer.OutOfStock outOfStock -> outOfStock.books();
            case Inventory.Answer.Closed closed -> List.of(); // released before: the saga is over anyway
        };
        return answer(
                new CheckoutCommand.RecordReservation(order, missing, sagas.timeouts(), clock.instant()),
                Metadata.causedBy(cause, CheckoutSagaService.ACTOR),
                saga);
    }

    /** A request stored before it carried its lines (schema 1): the saga knows them while it waits on that step. */
    private @Nullable List<LineQuantity> linesOfStoredSaga(OrderId order, CheckoutEvent.ReservationRequested request) {
        return sagas.load(order) instanceof CheckoutState.Reserving reserving && reserving.step() == request.step()
                ? reserving.facts().lines()
                : null;
    }

    /**
     * Authorizes the amount a first request carries with its payment method, under the key of its attempt, then tells
     * the saga (its one load in this step); the stage the saga answers with says whether an approval came after the
     * checkout ended, which is voided at once. A redelivered request asks the gateway with the same key, which answers
     * as before, and the payment records nothing new. A retry (a later attempt, asked because a deadline fired) is
     * checked against the saga first: the attempt before it may have been answered meanwhile, and a second key would
     * authorize the money twice.
     */
    private @Nullable Handled authorize(
            OrderId order, CheckoutEvent.PaymentRequested requested, Cause cause, @Nullable Handled saga) {
        var asked = requested.carriesPayment() && requested.attempt() == 1
                ? requested
                : paymentStillAsked(order, requested);
        if (asked == null) {
            return null; // the saga moved on: this request is stale
        }
        var authorization = payments.authorize(
                order,
                String.valueOf(requested.attempt()),
                Objects.requireNonNull(asked.paymentMethod()),
                Objects.requireNonNull(asked.amount()));
        var metadata = Metadata.causedBy(cause, CheckoutSagaService.ACTOR);
        var answered = switch (authorization) {
            case PaymentService.Authorization.Approved approved ->
                answer(new CheckoutCommand.RecordApproval(order, requested.attempt(), clock.instant()), metadata, saga);
            case PaymentService.Authorization.Declined declined ->
                answer(
                        new CheckoutCommand.RecordDecline(
                                order, requested.attempt(), declined.reason(), clock.instant()),
                        metadata,
                        saga);
            // no answer: the step's deadline retries or gives up; an authorization made meanwhile is voided then
            case PaymentService.Authorization.TimedOut timedOut -> null;
        };
        CheckoutState after = answered != null ? answered.state() : sagas.load(order);
        if (after instanceof CheckoutState.Failed || after instanceof CheckoutState.Cancelled) {
            payments.voidRemaining(order, "late"); // an approval that came after the checkout ended
        }
        return answered;
    }

    /**
     * The request as the saga still asks it, or null if the saga moved on: for a retry, and for a request stored
     * before it carried amount and method (schema 1), whose saga knows them while it waits on that step.
     */
    private CheckoutEvent.@Nullable PaymentRequested paymentStillAsked(
            OrderId order, CheckoutEvent.PaymentRequested request) {
        if (!(sagas.load(order) instanceof CheckoutState.Authorizing authorizing)
                || authorizing.step() != request.step()) {
            return null;
        }
        var facts = authorizing.facts();
        return new CheckoutEvent.PaymentRequested(
                order,
                request.attempt(),
                request.step(),
                facts.total(),
                facts.paymentMethod(),
                request.dueAt(),
                request.at());
    }

    private void compensate(OrderId order, String step) {
        inventory.release(order);
        payments.voidRemaining(order, step);
        BuyerId buyer = orders.buyerOf(FINANCE, order);
        if (buyer != null) {
            baskets.releaseCheckout(buyer, order);
        }
    }
}
