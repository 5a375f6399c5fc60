package org.bookworm.ordering.core.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.finance.DeciderScenario.given;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.finance.CheckoutCommand.DeadlineReached;
import org.bookworm.ordering.core.finance.CheckoutCommand.NoteCancellation;
import org.bookworm.ordering.core.finance.CheckoutCommand.NoteCompletion;
import org.bookworm.ordering.core.finance.CheckoutCommand.NoteShipment;
import org.bookworm.ordering.core.finance.CheckoutCommand.RecordApproval;
import org.bookworm.ordering.core.finance.CheckoutCommand.RecordDecline;
import org.bookworm.ordering.core.finance.CheckoutCommand.RecordReservation;
import org.bookworm.ordering.core.finance.CheckoutCommand.RequestCheckout;
import org.bookworm.ordering.core.finance.CheckoutCommand.StartCheckout;
import org.bookworm.ordering.core.finance.CheckoutEvent.CaptureRequested;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutCancelled;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutCompleted;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutConfirmed;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutFailed;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutRequested;
import org.bookworm.ordering.core.finance.CheckoutEvent.CheckoutStarted;
import org.bookworm.ordering.core.finance.CheckoutEvent.ItemsReserved;
import org.bookworm.ordering.core.finance.CheckoutEvent.PaymentApproved;
import org.bookworm.ordering.core.finance.CheckoutEvent.PaymentRefused;
import org.bookworm.ordering.core.finance.CheckoutEvent.PaymentRequested;
import org.bookworm.ordering.core.finance.CheckoutEvent.ReservationFailed;
import org.bookworm.ordering.core.finance.CheckoutEvent.ReservationRequested;
import org.bookworm.ordering.core.ordering.FailureReason;
import org.bookworm.ordering.core.ordering.LineQuantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class CheckoutSagaTest {
    static final OrderId ORDER = new OrderId(UUID.fromString("0192f0c8-2222-7000-8000-000000000001"));
    static final BuyerId BUYER = new BuyerId(UUID.fromString("0192f0c8-1111-7000-8000-000000000001"));
    static final BookId DUNE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000001"));
    static final CheckoutTimeouts TIMEOUTS = CheckoutTimeouts.DEFAULT;
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(1);
    static final Instant DUE0 = T0.plus(TIMEOUTS.step());
    static final Instant DUE1 = T1.plus(TIMEOUTS.step());
    static final List<LineQuantity> LINES = List.of(new LineQuantity(DUNE, Quantity.of(2)));
    static final Money TOTAL = Money.of("30.00", "USD");
    static final UUID SHIPMENT = UUID.fromString("0192f0c8-3333-7000-8000-000000000001");

    static final CheckoutRequested REQUESTED = new CheckoutRequested(ORDER, BUYER, PaymentMethod.APPROVE, DUE0, T0);
    static final CheckoutStarted STARTED = new CheckoutStarted(ORDER, LINES, TOTAL, T0);
    static final ReservationRequested RESERVING = new ReservationRequested(ORDER, 1, 1, LINES, DUE0, T0);
    static final ItemsReserved RESERVED = new ItemsReserved(ORDER, T0);
    static final PaymentRequested AUTHORIZING =
            new PaymentRequested(ORDER, 1, 2, TOTAL, PaymentMethod.APPROVE, DUE0, T0);
    static final PaymentApproved APPROVED = new PaymentApproved(ORDER, T0);
    static final CheckoutConfirmed CONFIRMED = new CheckoutConfirmed(ORDER, T0);

    /** Every stage, by the history that reaches it. */
    static final Map<String, List<CheckoutEvent>> STAGES = new LinkedHashMap<>();

    static {
        STAGES.put("None", List.of());
        STAGES.put("Requested", List.of(REQUESTED));
        STAGES.put("Abandoned", List.of(REQUESTED, new CheckoutEvent.CheckoutAbandoned(ORDER, BUYER, T0)));
        STAGES.put("Reserving", List.of(REQUESTED, STARTED, RESERVING));
        STAGES.put("Authorizing", List.of(REQUESTED, STARTED, RESERVING, RESERVED, AUTHORIZING));
        STAGES.put("Confirmed", List.of(REQUESTED, STARTED, RESERVING, RESERVED, AUTHORIZING, APPROVED, CONFIRMED));
        STAGES.put(
                "Shipping",
                List.of(
                        REQUESTED,
                        STARTED,
                        RESERVING,
                        RESERVED,
                        AUTHORIZING,
                        APPROVED,
                        CONFIRMED,
                        new CaptureRequested(ORDER, SHIPMENT, LINES, TOTAL, T0)));
        STAGES.put(
                "Failed",
                List.of(REQUESTED, STARTED, RESERVING, new CheckoutFailed(ORDER, FailureReason.OUT_OF_STOCK, T0)));
        STAGES.put("Cancelled", List.of(REQUESTED, STARTED, RESERVING, new CheckoutCancelled(ORDER, T0)));
        STAGES.put(
                "Completed",
                List.of(
                        REQUESTED,
                        STARTED,
                        RESERVING,
                        RESERVED,
                        AUTHORIZING,
                        APPROVED,
                        CONFIRMED,
                        new CaptureRequested(ORDER, SHIPMENT, LINES, TOTAL, T0),
                        new CheckoutCompleted(ORDER, Money.of("0.00", "USD"), T0)));
    }

    /** Every message the saga can receive. */
    static final List<CheckoutCommand> MESSAGES = List.of(
            new RequestCheckout(ORDER, BUYER, PaymentMethod.APPROVE, TIMEOUTS, T1),
            new StartCheckout(ORDER, LINES, TOTAL, TIMEOUTS, T1),
            new RecordReservation(ORDER, List.of(), TIMEOUTS, T1),
            new RecordReservation(ORDER, List.of(DUNE), TIMEOUTS, T1),
            new RecordApproval(ORDER, 1, T1),
            new RecordDecline(ORDER, 1, "card declined", T1),
            new DeadlineReached(ORDER, 0, TIMEOUTS, T1),
            new DeadlineReached(ORDER, 1, TIMEOUTS, T1),
            new DeadlineReached(ORDER, 2, TIMEOUTS, T1),
            new NoteCancellation(ORDER, T1),
            new NoteShipment(ORDER, SHIPMENT, LINES, TOTAL, T1),
            new NoteCompletion(ORDER, T1));

    private final CheckoutSaga saga = new CheckoutSaga();

    private DeciderScenario<CheckoutCommand, CheckoutState, CheckoutEvent, Void> in(String stage) {
        return given(saga, STAGES.get(stage));
    }

    @Test
    void a_request_records_the_payment_method_once() {
        in("None")
                .when(MESSAGES.get(0))
                .then(List.of(new CheckoutRequested(ORDER, BUYER, PaymentMethod.APPROVE, DUE1, T1)));
        in("Requested").when(MESSAGES.get(0)).thenNothing();
    }

    @Test
    void the_placed_order_starts_the_reservation_with_a_deadline() {
        in("Requested")
                .when(MESSAGES.get(1))
                .then(List.of(
                        new CheckoutStarted(ORDER, LINES, TOTAL, T1),
                        new ReservationRequested(ORDER, 1, 1, LINES, DUE1, T1)));
    }

    @Test
    void an_order_placed_without_a_checkout_request_fails_as_unpaid() {
        in("None").when(MESSAGES.get(1)).then(List.of(new CheckoutFailed(ORDER, FailureReason.PAYMENT_DECLINED, T1)));
    }

    @Test
    void reserved_items_lead_to_the_payment_step() {
        in("Reserving")
                .when(MESSAGES.get(2))
                .then(List.of(
                        new ItemsReserved(ORDER, T1),
                        new PaymentRequested(ORDER, 1, 2, TOTAL, PaymentMethod.APPROVE, DUE1, T1)));
    }

    @Test
    void out_of_stock_fails_the_checkout() {
        in("Reserving")
                .when(MESSAGES.get(3))
                .then(List.of(
                        new ReservationFailed(ORDER, List.of(DUNE), T1),
                        new CheckoutFailed(ORDER, FailureReason.OUT_OF_STOCK, T1)));
    }

    @Test
    void an_approved_payment_confirms() {
        in("Authorizing")
                .when(MESSAGES.get(4))
                .then(List.of(new PaymentApproved(ORDER, T1), new CheckoutConfirmed(ORDER, T1)));
    }

    @Test
    void a_declined_payment_fails_the_checkout() {
        in("Authorizing")
                .when(MESSAGES.get(5))
                .then(List.of(
                        new PaymentRefused(ORDER, "card declined", T1),
                        new CheckoutFailed(ORDER, FailureReason.PAYMENT_DECLINED, T1)));
    }

    @Test
    void a_deadline_of_the_waiting_step_retries_it_and_the_third_gives_up() {
        var state = in("Reserving")
                .when(new DeadlineReached(ORDER, 1, TIMEOUTS, T1))
                .then(List.of(new ReservationRequested(ORDER, 2, 2, LINES, DUE1, T1)));
        state = given(saga, List.of()).evolveFrom(state, new DeadlineReached(ORDER, 2, TIMEOUTS, T1));
        assertThat(state).isEqualTo(new CheckoutState.Reserving(((CheckoutState.Reserving) state).facts(), 3, 3));
        var last = saga.decide(new DeadlineReached(ORDER, 3, TIMEOUTS, T1), state);
        assertThat(last.events()).containsExactly(new CheckoutFailed(ORDER, FailureReason.CHECKOUT_TIMED_OUT, T1));
    }

    @Test
    void a_deadline_of_an_earlier_step_is_ignored() {
        in("Authorizing").when(new DeadlineReached(ORDER, 1, TIMEOUTS, T1)).thenNothing();
    }

    @Test
    void cancellation_before_shipment_cancels_the_checkout() {
        for (String stage : List.of("Requested", "Reserving", "Authorizing", "Confirmed")) {
            in(stage).when(MESSAGES.get(9)).then(List.of(new CheckoutCancelled(ORDER, T1)));
        }
    }

    @Test
    void a_shipment_is_captured_once() {
        in("Confirmed").when(MESSAGES.get(10)).then(List.of(new CaptureRequested(ORDER, SHIPMENT, LINES, TOTAL, T1)));
        in("Shipping").when(MESSAGES.get(10)).thenNothing();
    }

    @Test
    void completion_after_a_shipment_closes_the_checkout_with_what_was_not_captured() {
        in("Shipping").when(MESSAGES.get(11)).then(List.of(new CheckoutCompleted(ORDER, Money.of("0.00", "USD"), T1)));
        in("Confirmed").when(MESSAGES.get(11)).thenNothing();
    }

    @Test
    void terminal_stages_ignore_every_message() {
        for (String stage : List.of("Failed", "Cancelled", "Completed")) {
            for (CheckoutCommand message : MESSAGES) {
                in(stage).when(message).thenNothing();
            }
        }
    }

    @Test
    void every_message_in_every_stage_is_decided_without_error_and_evolves_cleanly() {
        int decided = 0;
        for (var stage : STAGES.entrySet()) {
            for (CheckoutCommand message : MESSAGES) {
                CheckoutState state = saga.fold(stage.getValue());
                var decision = saga.decide(message, state);
                assertThat(decision.accepted())
                        .as(stage.getKey() + " / " + message)
                        .isTrue();
                saga.fold(state, decision.events()); // throws on an impossible transition
                decided++;
            }
        }
        assertThat(decided).isEqualTo(STAGES.size() * MESSAGES.size());
    }

    @Test
    void a_request_whose_order_is_not_placed_in_time_is_abandoned_and_a_late_order_fails() {
        in("Requested")
                .when(new DeadlineReached(ORDER, 0, TIMEOUTS, T1))
                .then(List.of(new CheckoutEvent.CheckoutAbandoned(ORDER, BUYER, T1)));
        in("Reserving").when(new DeadlineReached(ORDER, 0, TIMEOUTS, T1)).thenNothing();
        in("Abandoned")
                .when(MESSAGES.get(1))
                .then(List.of(new CheckoutFailed(ORDER, FailureReason.CHECKOUT_TIMED_OUT, T1)));
        for (CheckoutCommand message : MESSAGES) {
            if (!(message instanceof StartCheckout)) {
                in("Abandoned").when(message).thenNothing();
            }
        }
    }
}
