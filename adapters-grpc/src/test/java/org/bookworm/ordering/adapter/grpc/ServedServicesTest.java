package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Set;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.GetBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.FinanceServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.GetCheckoutRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.bookworm.ordering.core.composition.Service;
import org.bookworm.ordering.core.inmemory.InMemoryInventory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** A process serves the services it was started with, and nothing else: the gateway routes the rest elsewhere. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ServedServicesTest {
    private final InternalApi basket = new InternalApi(Set.of(Service.BASKET), true, new InMemoryInventory());
    private final String user = basket.tokens.user(UUID.randomUUID());

    @AfterEach
    void close() {
        basket.close();
    }

    @Test
    void a_basket_process_serves_basket_and_refuses_ordering_and_finance_as_unimplemented() {
        var baskets = ApiFixture.authorized(BasketServiceGrpc.newBlockingStub(basket.channel()), user);
        var orders = ApiFixture.authorized(OrderingServiceGrpc.newBlockingStub(basket.channel()), user);
        var finance = ApiFixture.authorized(FinanceServiceGrpc.newBlockingStub(basket.channel()), user);

        assertThat(baskets.getBasket(GetBasketRequest.getDefaultInstance())
                        .getBasket()
                        .getItemsCount())
                .isZero();
        assertThatThrownBy(() -> orders.placeOrder(PlaceOrderRequest.newBuilder()
                        .setRequestId("r1")
                        .setPaymentMethodToken("tok_approve")
                        .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        refused -> assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
        assertThatThrownBy(() -> finance.getCheckout(GetCheckoutRequest.newBuilder()
                        .setOrderId(UUID.randomUUID().toString())
                        .build()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        refused -> assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
    }
}
