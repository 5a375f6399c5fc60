package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.DUNE;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.EMMA;
import static org.bookworm.ordering.adapter.grpc.OrderingServiceTest.line;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import com.google.protobuf.Message;
import io.grpc.Status.Code;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketItem;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.ReplaceBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CancelOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CompleteOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.DeleteOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.LineRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ModifyOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc.OrderingServiceBlockingStub;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ShipOrderRequest;
import org.bookworm.ordering.core.contract.Racing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/messages.md section 8 for OrderingService: every mutating RPC requires a request id and honours it. The same
 * id with the same request answers the first outcome and has no second effect, whether the repeat comes after the
 * first call or races it; the PostgreSQL store is held to the same answers by {@code RequestIdIT}.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class RequestIdsTest {
    private static final int RACERS = 8;

    // a rate high enough for the racers: PlaceOrder is otherwise limited to a few calls per second and caller
    private final ApiFixture api = new ApiFixture(new OrderingApi.Limits(
            OrderingApi.Limits.defaults().unaryDeadline(),
            OrderingApi.Limits.defaults().streamDeadline(),
            1_000,
            OrderingApi.Limits.defaults().watchPoll()));
    private final UUID ada = api.newBuyer();
    private final String adaToken = api.tokens.user(ada);
    private final String adminToken = api.tokens.admin(UUID.randomUUID());

    @AfterEach
    void close() {
        api.close();
    }

    /**
     * One mutating RPC: {@code prepare} brings an order to where the RPC applies and answers the call, made with the
     * given request id; {@code effect} is how many events one accepted call appends.
     */
    record Rpc(String name, int effect, Function<RequestIdsTest, Function<String, Message>> prepare) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rpc> rpcs() {
        return Stream.of(
                new Rpc("PlaceOrder", 2, t -> t.placeFromBasket(line(DUNE, 2))),
                new Rpc("ModifyOrder, a raised quantity", 2, t -> {
                    String order = t.confirmedOrder();
                    return id ->
                            t.orders(t.adaToken).modifyOrder(OrderingServiceTest.changeQuantity(order, id, DUNE, 3));
                }),
                new Rpc("ModifyOrder, a removed line", 1, t -> {
                    String order = t.confirmedOrder();
                    return id -> t.orders(t.adaToken)
                            .modifyOrder(ModifyOrderRequest.newBuilder()
                                    .setRequestId(id)
                                    .setOrderId(order)
                                    .setRemoveBookId(EMMA.toString())
                                    .build());
                }),
                new Rpc("CancelOrder", 1, t -> {
                    String order = t.placedOrder();
                    return id -> t.orders(t.adaToken).cancelOrder(cancel(order, id));
                }),
                new Rpc("ShipOrder, part of the order", 1, t -> {
                    String order = t.confirmedOrder();
                    return id -> t.orders(t.adminToken)
                            .shipOrder(ship(order, id).toBuilder()
                                    .addLines(line(DUNE, 1))
                                    .build());
                }),
                new Rpc("ShipOrder, the rest", 1, t -> {
                    String order = t.confirmedOrder();
                    return id -> t.orders(t.adminToken).shipOrder(ship(order, id));
                }),
                new Rpc("CompleteOrder", 1, t -> {
                    String order = t.confirmedOrder();
                    t.orders(t.adminToken).shipOrder(ship(order, "ship-all"));
                    return id -> t.orders(t.adaToken).completeOrder(complete(order, id));
                }),
                new Rpc("DeleteOrder", 1, t -> {
                    String order = t.placedOrder();
                    t.orders(t.adaToken).cancelOrder(cancel(order, "cancel-first"));
                    return id -> t.orders(t.adminToken).deleteOrder(delete(order, id));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rpcs")
    void a_repeat_with_the_same_request_id_answers_the_first_outcome_and_changes_nothing(Rpc rpc) {
        var call = rpc.prepare().apply(this);
        int before = api.allEvents().size();
        Message first = call.apply("same-id");
        int after = api.allEvents().size();

        Message again = call.apply("same-id");

        assertThat(after - before).as("events of the first call").isEqualTo(rpc.effect());
        assertThat(again).isEqualTo(first);
        assertThat(api.allEvents()).as("events after the repeat").hasSize(after);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rpcs")
    void racing_calls_with_the_same_request_id_all_answer_the_winners_outcome_once(Rpc rpc) throws Exception {
        var call = rpc.prepare().apply(this);
        int before = api.allEvents().size();

        List<Object> answers = Racing.race(RACERS, racer -> call.apply("same-id"));

        assertThat(answers)
                .as("every racer's answer")
                .hasSize(RACERS)
                .allSatisfy(
                        answer -> assertThat(answer).isInstanceOf(Message.class).isEqualTo(answers.get(0)));
        assertThat(api.allEvents().size() - before).as("events of all racers").isEqualTo(rpc.effect());
        assertThat(call.apply("same-id")).as("a later repeat").isEqualTo(answers.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rpcs")
    void a_call_without_a_request_id_is_invalid_and_changes_nothing(Rpc rpc) {
        var call = rpc.prepare().apply(this);
        int before = api.allEvents().size();

        var status = assertCode(Code.INVALID_ARGUMENT, () -> call.apply(""));

        assertThat(status.getDescription()).startsWith("request_id is required");
        assertThat(api.allEvents()).hasSize(before);
    }

    private OrderingServiceBlockingStub orders(String token) {
        return api.orders(token);
    }

    /** Fills Ada's basket; the call places an order from it. */
    private Function<String, Message> placeFromBasket(LineRequest... lines) {
        var basket = ReplaceBasketRequest.newBuilder();
        for (var line : lines) {
            basket.addItems(BasketItem.newBuilder().setBookId(line.getBookId()).setQuantity(line.getQuantity()));
        }
        api.baskets(adaToken).replaceBasket(basket.build());
        return id -> orders(adaToken)
                .placeOrder(PlaceOrderRequest.newBuilder()
                        .setRequestId(id)
                        .setPaymentMethodToken("tok_approve")
                        .build());
    }

    private String placedOrder() {
        var placed = placeFromBasket(line(DUNE, 2), line(EMMA, 1)).apply("place-" + UUID.randomUUID());
        return ((PlaceOrderResponse) placed).getOrderId();
    }

    private String confirmedOrder() {
        String order = placedOrder();
        api.checkout();
        return order;
    }

    private static CancelOrderRequest cancel(String order, String requestId) {
        return CancelOrderRequest.newBuilder()
                .setOrderId(order)
                .setRequestId(requestId)
                .build();
    }

    private static ShipOrderRequest ship(String order, String requestId) {
        return ShipOrderRequest.newBuilder()
                .setOrderId(order)
                .setRequestId(requestId)
                .build();
    }

    private static CompleteOrderRequest complete(String order, String requestId) {
        return CompleteOrderRequest.newBuilder()
                .setOrderId(order)
                .setRequestId(requestId)
                .build();
    }

    private static DeleteOrderRequest delete(String order, String requestId) {
        return DeleteOrderRequest.newBuilder()
                .setOrderId(order)
                .setRequestId(requestId)
                .build();
    }
}
