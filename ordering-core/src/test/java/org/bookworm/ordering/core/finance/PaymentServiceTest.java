package org.bookworm.ordering.core.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.inmemory.InMemoryEventStore;
import org.bookworm.ordering.core.inmemory.InMemorySnapshots;
import org.bookworm.ordering.core.inmemory.SimulatedPaymentGateway;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.testing.ManualClock;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class PaymentServiceTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryEventStore events = new InMemoryEventStore(clock);
    private final SimulatedPaymentGateway gateway = new SimulatedPaymentGateway();
    private final PaymentService payments = new PaymentService(
            new EventSourcedRunner.Stores(
                    events,
                    new InMemorySnapshots(),
                    events,
                    new UuidV7Generator(clock, new SplittableRandom(3)),
                    clock),
            gateway);
    private final OrderId order = new OrderId(UUID.randomUUID());

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private PaymentState.Active active() {
        return (PaymentState.Active) payments.load(order);
    }

    @Test
    void the_simulated_gateway_approves_declines_or_times_out_by_token() {
        assertThat(payments.authorize(order, "1", PaymentMethod.APPROVE, usd("10.00")))
                .isEqualTo(new PaymentService.Authorization.Approved());
        var declined = new OrderId(UUID.randomUUID());
        assertThat(payments.authorize(declined, "1", PaymentMethod.DECLINE, usd("10.00")))
                .isEqualTo(new PaymentService.Authorization.Declined("card declined"));
        assertThat(payments.load(declined)).isInstanceOf(PaymentState.NoPayment.class);
        var slow = new OrderId(UUID.randomUUID());
        assertThat(payments.authorize(slow, "1", PaymentMethod.TIME_OUT, usd("10.00")))
                .isEqualTo(new PaymentService.Authorization.TimedOut());
        assertThat(gateway.movements()).hasSize(1);
    }

    @Test
    void repeating_a_step_moves_money_once() {
        payments.authorize(order, "1", PaymentMethod.APPROVE, usd("40.00"));
        payments.authorize(order, "1", PaymentMethod.APPROVE, usd("40.00"));
        UUID shipment = UUID.randomUUID();
        payments.capture(order, shipment, usd("15.00"));
        payments.capture(order, shipment, usd("15.00"));
        payments.voidRemaining(order, "complete");
        payments.voidRemaining(order, "complete");

        assertThat(active().authorized()).isEqualTo(usd("40.00"));
        assertThat(active().captured()).isEqualTo(usd("15.00"));
        assertThat(active().voided()).isEqualTo(usd("25.00"));
        assertThat(gateway.movements())
                .extracting(SimulatedPaymentGateway.Movement::kind)
                .containsExactly("authorize", "capture", "void");
    }

    @Test
    void an_approval_that_comes_after_the_payment_was_closed_is_voided_at_once() {
        payments.authorize(order, "1", PaymentMethod.APPROVE, usd("40.00"));
        payments.voidRemaining(order, "fail");

        var late = payments.authorize(order, "2", PaymentMethod.APPROVE, usd("40.00"));

        assertThat(late).isInstanceOf(PaymentService.Authorization.Declined.class);
        assertThat(gateway.movements())
                .extracting(SimulatedPaymentGateway.Movement::kind)
                .containsExactly("authorize", "void", "authorize", "void");
        assertThat(active().authorized()).isEqualTo(usd("40.00"));
    }

    @Test
    void refunds_stay_within_what_was_captured() {
        payments.authorize(order, "1", PaymentMethod.APPROVE, usd("40.00"));
        payments.capture(order, UUID.randomUUID(), usd("40.00"));

        assertThat(payments.refund(order, "r1", usd("10.00")).isDone()).isTrue();
        assertThat(payments.refund(order, "r2", usd("30.01")))
                .isEqualTo(
                        new Outcome.Refused<>(new PaymentRejection.ExceedsCaptured(order, usd("30.01"), usd("30.00"))));
        assertThat(active().refunded()).isEqualTo(usd("10.00"));
    }

    @Test
    void a_capture_beyond_what_is_authorized_and_open_never_reaches_the_provider() {
        payments.authorize(order, "1", PaymentMethod.APPROVE, usd("40.00"));

        assertThatThrownBy(() -> payments.capture(order, UUID.randomUUID(), usd("40.01")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("only 40.00 USD");
        assertThat(gateway.movements())
                .extracting(SimulatedPaymentGateway.Movement::kind)
                .containsExactly("authorize");
        assertThat(active().captured()).isEqualTo(usd("0.00"));
    }

    @Test
    void a_capture_of_a_closed_payment_never_reaches_the_provider() {
        payments.authorize(order, "1", PaymentMethod.APPROVE, usd("40.00"));
        payments.voidRemaining(order, "cancel");

        assertThatThrownBy(() -> payments.capture(order, UUID.randomUUID(), usd("10.00")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(gateway.movements())
                .extracting(SimulatedPaymentGateway.Movement::kind)
                .containsExactly("authorize", "void");
    }

    @Test
    void a_refund_beyond_what_was_captured_never_reaches_the_provider() {
        payments.authorize(order, "1", PaymentMethod.APPROVE, usd("40.00"));
        payments.capture(order, UUID.randomUUID(), usd("15.00"));

        assertThat(payments.refund(order, "r1", usd("15.01")))
                .isEqualTo(
                        new Outcome.Refused<>(new PaymentRejection.ExceedsCaptured(order, usd("15.01"), usd("15.00"))));
        assertThat(payments.refund(new OrderId(UUID.randomUUID()), "r1", usd("1.00")))
                .isInstanceOf(Outcome.Refused.class);
        assertThat(gateway.movements())
                .extracting(SimulatedPaymentGateway.Movement::kind)
                .containsExactly("authorize", "capture");
    }

    @Test
    void a_shipment_without_an_authorized_payment_is_a_bug_not_a_capture() {
        assertThatThrownBy(() -> payments.capture(order, UUID.randomUUID(), usd("1.00")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(gateway.movements()).isEmpty();
    }
}
