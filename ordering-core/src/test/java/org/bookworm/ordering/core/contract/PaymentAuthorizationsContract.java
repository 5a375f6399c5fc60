package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.finance.PaymentAuthorizations;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.finance.PaymentService;
import org.bookworm.ordering.core.finance.PaymentService.Authorization;
import org.bookworm.ordering.core.finance.PaymentState;
import org.bookworm.ordering.core.inmemory.SimulatedPaymentGateway;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link PaymentAuthorizations} promises: the provider's answer, whole (an approval, a decline with its
 * reason, a provider that did not answer), and one authorization per order and step however often it is asked (a
 * client across a process boundary may send a call twice). A subclass hands out the port under test, Finance's
 * payments it records into (to read the payment back) and the simulated provider it asks, all fresh.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class PaymentAuthorizationsContract {
    /** The port under test, the payments it records into, and the provider it asks. */
    public record Payments(
            PaymentAuthorizations authorizations, PaymentService finance, SimulatedPaymentGateway gateway) {}

    protected abstract Payments emptyPayments();

    private PaymentAuthorizations authorizations;
    private PaymentService finance;
    private SimulatedPaymentGateway gateway;
    private final OrderId order = new OrderId(UUID.randomUUID());

    @BeforeEach
    final void createPayments() {
        var payments = emptyPayments();
        authorizations = payments.authorizations();
        finance = payments.finance();
        gateway = payments.gateway();
    }

    private String impl() {
        return authorizations.getClass().getSimpleName();
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void an_approved_authorization_is_recorded_on_the_orders_payment() {
        var answer = authorizations.authorize(order, "modify/3", PaymentMethod.APPROVE, usd("12.50"));

        assertThat(answer).as(impl()).isInstanceOf(Authorization.Approved.class);
        var payment = (PaymentState.Active) finance.load(order);
        assertThat(payment.authorized()).as(impl()).isEqualTo(usd("12.50"));
        assertThat(gateway.movements()).as(impl()).hasSize(1);
    }

    @Test
    void asking_again_for_the_same_step_answers_the_same_and_authorizes_once() {
        authorizations.authorize(order, "modify/3", PaymentMethod.APPROVE, usd("12.50"));

        var again = authorizations.authorize(order, "modify/3", PaymentMethod.APPROVE, usd("12.50"));

        assertThat(again).as(impl()).isInstanceOf(Authorization.Approved.class);
        assertThat(((PaymentState.Active) finance.load(order)).authorized())
                .as(impl())
                .isEqualTo(usd("12.50"));
        assertThat(gateway.movements()).as(impl()).hasSize(1);
    }

    @Test
    void another_step_authorizes_again() {
        authorizations.authorize(order, "modify/3", PaymentMethod.APPROVE, usd("12.50"));

        authorizations.authorize(order, "modify/5", PaymentMethod.APPROVE, usd("2.00"));

        assertThat(((PaymentState.Active) finance.load(order)).authorized())
                .as(impl())
                .isEqualTo(usd("14.50"));
        assertThat(gateway.movements()).as(impl()).hasSize(2);
    }

    @Test
    void a_declined_authorization_answers_the_providers_reason_and_moves_no_money() {
        var answer = authorizations.authorize(order, "modify/3", PaymentMethod.DECLINE, usd("12.50"));

        assertThat(answer).as(impl()).isEqualTo(new Authorization.Declined("card declined"));
        assertThat(gateway.movements()).as(impl()).isEmpty();
    }

    @Test
    void a_provider_that_does_not_answer_is_a_timed_out_authorization() {
        var answer = authorizations.authorize(order, "modify/3", PaymentMethod.TIME_OUT, usd("12.50"));

        assertThat(answer).as(impl()).isInstanceOf(Authorization.TimedOut.class);
        assertThat(finance.load(order)).as(impl()).isInstanceOf(PaymentState.NoPayment.class);
    }
}
