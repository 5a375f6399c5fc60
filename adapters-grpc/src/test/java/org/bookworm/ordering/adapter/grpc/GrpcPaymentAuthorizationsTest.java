package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.internal.finance.v1.AuthorizeRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.finance.v1.PaymentAuthorizationServiceGrpc;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.composition.Service;
import org.bookworm.ordering.core.contract.PaymentAuthorizationsContract;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.inmemory.InMemoryInventory;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Finance's payment authorizations through its internal RPC, on the in-memory event store behind an in-process server. */
class GrpcPaymentAuthorizationsTest extends PaymentAuthorizationsContract {
    private InternalApi finance;

    @Override
    protected Payments emptyPayments() {
        finance = new InternalApi(Set.of(Service.FINANCE), true, new InMemoryInventory());
        return new Payments(
                finance.paymentAuthorizations(Duration.ofSeconds(10)),
                finance.bookworm.payments,
                finance.bookworm.gateway);
    }

    @AfterEach
    void stop() {
        finance.close();
    }

    @Test
    void a_finance_process_that_is_gone_is_a_transient_failure_that_authorized_nothing() {
        var authorizations = finance.paymentAuthorizations(Duration.ofSeconds(10));
        finance.close();

        assertThatThrownBy(() -> authorizations.authorize(
                        new OrderId(UUID.randomUUID()), "modify/3", PaymentMethod.APPROVE, Money.of("1.00", "USD")))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageContaining("UNAVAILABLE");
        assertThat(finance.bookworm.gateway.movements()).isEmpty();
    }

    @Test
    void a_process_without_finance_answers_unimplemented_as_a_fault_naming_the_status() {
        try (var basket = new InternalApi(Set.of(Service.BASKET), true, new InMemoryInventory())) {
            assertThatThrownBy(() -> basket.paymentAuthorizations(Duration.ofSeconds(10))
                            .authorize(
                                    new OrderId(UUID.randomUUID()),
                                    "modify/3",
                                    PaymentMethod.APPROVE,
                                    Money.of("1.00", "USD")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("UNIMPLEMENTED");
        }
    }

    private Status statusOf(@Nullable String bearerToken, AuthorizeRequest request) {
        var stub = PaymentAuthorizationServiceGrpc.newBlockingStub(finance.channel());
        if (bearerToken != null) {
            stub = ApiFixture.authorized(stub, bearerToken);
        }
        try {
            stub.authorize(request);
            return Status.OK;
        } catch (StatusRuntimeException refused) {
            return refused.getStatus();
        }
    }

    private static AuthorizeRequest.Builder request() {
        return AuthorizeRequest.newBuilder()
                .setOrderId(UUID.randomUUID().toString())
                .setStep("modify/3")
                .setPaymentMethodToken(PaymentMethod.APPROVE.token())
                .setAmount(Replies.money(Money.of("1.00", "USD")));
    }

    @Test
    void only_the_service_token_authorizes_a_user_or_admin_token_is_denied_and_nothing_moves() {
        assertThat(statusOf(null, request().build()).getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(statusOf(finance.tokens.user(UUID.randomUUID()), request().build())
                        .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(statusOf(finance.tokens.admin(UUID.randomUUID()), request().build())
                        .getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(statusOf(ServiceToken.random().secret(), request().build()).getCode())
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(finance.bookworm.gateway.movements()).isEmpty();
    }

    @Test
    void bad_input_is_invalid_argument_and_authorizes_nothing() {
        String token = finance.token.secret();

        assertThat(statusOf(token, request().setOrderId("not-a-uuid").build()).getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(statusOf(token, request().setStep(" ").build()).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(statusOf(token, request().setPaymentMethodToken("").build()).getCode())
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(statusOf(token, request().clearAmount().build()).getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(finance.bookworm.gateway.movements()).isEmpty();
    }
}
