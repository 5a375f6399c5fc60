package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.DUNE;

import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CancelOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CreateBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.UpdateBuyerAddressRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * docs/reliability.md "Consistency": a caller reads its own writes. Nothing here runs the projections (the in-memory
 * read models move only when drained), so every read below would miss a write that reached only the log.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ReadYourWritesTest {
    private static final int TIMES = 50;

    private final ApiFixture api = new ApiFixture();

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void a_buyer_created_just_before_can_place_an_order_and_read_it_at_once() {
        for (int i = 0; i < TIMES; i++) {
            String token = api.tokens.user(UUID.randomUUID());
            api.buyers(token)
                    .createBuyer(CreateBuyerRequest.newBuilder()
                            .setRequestId("buyer-" + i)
                            .setName("Ada Lovelace")
                            .setEmail("ada@example.com")
                            .setAddress(OrderingServiceTest.address("1 Main St", "Seattle", "WA"))
                            .build());
            api.baskets(token).addItem(BasketServiceTest.add(DUNE, 1));

            String order = place(token, "order-" + i);
            var read = api.orders(token).getOrder(get(order)).getOrder();

            assertThat(read.getOrderId()).as("try %d", i).isEqualTo(order);
            assertThat(read.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_PLACED);
            assertThat(read.getVersion()).isEqualTo(1);
        }
    }

    @Test
    void a_change_is_read_back_by_the_next_call() {
        String token = api.tokens.user(api.newBuyer());
        api.baskets(token).addItem(BasketServiceTest.add(DUNE, 1));
        String order = place(token, "order-1");

        var cancelled = api.orders(token)
                .cancelOrder(CancelOrderRequest.newBuilder()
                        .setRequestId("cancel-1")
                        .setOrderId(order)
                        .build());
        var read = api.orders(token).getOrder(get(order)).getOrder();

        assertThat(read.getStatus()).isEqualTo(OrderStatus.ORDER_STATUS_CANCELLED);
        assertThat(read.getVersion()).isEqualTo(cancelled.getVersion());
    }

    @Test
    void an_address_updated_just_before_is_the_address_of_the_next_order() {
        String token = api.tokens.user(api.newBuyer());
        api.buyers(token)
                .updateBuyerAddress(UpdateBuyerAddressRequest.newBuilder()
                        .setRequestId("move-1")
                        .setAddress(OrderingServiceTest.address("2 Side St", "Portland", "OR"))
                        .build());
        api.baskets(token).addItem(BasketServiceTest.add(DUNE, 1));

        String order = place(token, "order-1");

        assertThat(api.orders(token)
                        .getOrder(get(order))
                        .getOrder()
                        .getShippingAddress()
                        .getCity())
                .isEqualTo("Portland");
    }

    private String place(String token, String requestId) {
        return api.orders(token)
                .placeOrder(PlaceOrderRequest.newBuilder()
                        .setRequestId(requestId)
                        .setPaymentMethodToken("tok_approve")
                        .build())
                .getOrderId();
    }

    private static GetOrderRequest get(String order) {
        return GetOrderRequest.newBuilder().setOrderId(order).build();
    }
}
