package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.DUNE;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;
import static org.bookworm.ordering.adapter.grpc.Statuses.failureOf;
import static org.bookworm.ordering.adapter.grpc.Statuses.retryMillis;

import io.grpc.Status.Code;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListOrdersRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.WatchOrderRequest;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class LimitsTest {

    @Test
    void a_caller_past_its_rate_is_refused_while_others_are_served() {
        var limits = new OrderingApi.Limits(Duration.ofSeconds(30), Duration.ofHours(1), 3, Duration.ofMillis(50));
        try (var api = new ApiFixture(limits)) {
            String ada = api.tokens.user(UUID.randomUUID());
            for (int call = 0; call < 3; call++) {
                api.orders(ada).listOrders(ListOrdersRequest.getDefaultInstance());
            }
            var refusal = failureOf(() -> api.orders(ada).listOrders(ListOrdersRequest.getDefaultInstance()));
            assertThat(refusal.getStatus().getDescription())
                    .startsWith("too many calls: retry in")
                    .endsWith("ms (the read rate limit)");
            // 3 a second: the next call is in the bucket within a third of a second
            assertThat(retryMillis(refusal)).isBetween(1L, 334L);

            String bob = api.tokens.user(UUID.randomUUID());
            assertThat(api.orders(bob)
                            .listOrders(ListOrdersRequest.getDefaultInstance())
                            .getOrdersCount())
                    .isZero();
        }
    }

    @Test
    void placing_orders_has_a_tighter_limit_than_other_calls() {
        var limits = new OrderingApi.Limits(Duration.ofSeconds(30), Duration.ofHours(1), 20, Duration.ofMillis(50));
        try (var api = new ApiFixture(limits)) {
            String ada = api.tokens.user(UUID.randomUUID());
            var place = PlaceOrderRequest.newBuilder()
                    .setRequestId("r-1")
                    .setPaymentMethodToken("tok_approve")
                    .build();
            // a tenth of 20 per second: two tries (refused for the empty basket), then the limit
            assertCode(Code.FAILED_PRECONDITION, () -> api.orders(ada).placeOrder(place));
            assertCode(Code.FAILED_PRECONDITION, () -> api.orders(ada).placeOrder(place));
            assertCode(Code.RESOURCE_EXHAUSTED, () -> api.orders(ada).placeOrder(place));
            assertThat(api.orders(ada)
                            .listOrders(ListOrdersRequest.getDefaultInstance())
                            .getOrdersCount())
                    .isZero();
        }
    }

    @Test
    void each_group_has_its_own_bucket_with_the_capacity_and_period_an_operator_wrote() {
        var rates = RateLimits.perSecond(1_000).with("read=2/1h,write=1/1h");
        var limits = new OrderingApi.Limits(Duration.ofSeconds(30), Duration.ofHours(1), rates, Duration.ofMillis(50));
        try (var api = new ApiFixture(limits)) {
            String ada = api.tokens.user(api.newBuyer());
            var list = ListOrdersRequest.getDefaultInstance();
            api.orders(ada).listOrders(list);
            api.orders(ada).listOrders(list);
            var refusal = failureOf(() -> api.orders(ada).listOrders(list));
            // a bucket of 2 refilled by 2 an hour: the next read is half an hour away
            assertThat(retryMillis(refusal)).isBetween(29 * 60_000L, 30 * 60_000L);

            // writes have a bucket of their own: one basket change, then the write limit
            api.baskets(ada).addItem(BasketServiceTest.add(DUNE, 1));
            var second = failureOf(() -> api.baskets(ada).addItem(BasketServiceTest.add(DUNE, 1)));
            assertThat(second.getStatus().getDescription()).endsWith("(the write rate limit)");
            assertThat(retryMillis(second)).isGreaterThan(59 * 60_000L);

            String bob = api.tokens.user(UUID.randomUUID());
            assertThat(api.orders(bob).listOrders(list).getOrdersCount()).isZero(); // per caller
        }
    }

    @Test
    void the_whole_server_has_a_limit_of_its_own() {
        var rates = RateLimits.perSecond(1_000).with("server=3/1h");
        var limits = new OrderingApi.Limits(Duration.ofSeconds(30), Duration.ofHours(1), rates, Duration.ofMillis(50));
        try (var api = new ApiFixture(limits)) {
            var list = ListOrdersRequest.getDefaultInstance();
            for (int caller = 0; caller < 3; caller++) {
                api.orders(api.tokens.user(UUID.randomUUID())).listOrders(list);
            }
            var refusal = failureOf(
                    () -> api.orders(api.tokens.user(UUID.randomUUID())).listOrders(list));
            assertThat(refusal.getStatus().getDescription()).endsWith("(the server rate limit)");
        }
    }

    @Test
    void a_stream_without_a_deadline_ends_at_the_servers_cap() {
        var limits = new OrderingApi.Limits(Duration.ofSeconds(30), Duration.ofMillis(300), 50, Duration.ofMillis(20));
        try (var api = new ApiFixture(limits)) {
            UUID buyer = api.newBuyer();
            String token = api.tokens.user(buyer);
            api.baskets(token).addItem(BasketServiceTest.add(DUNE, 1));
            String order = api.orders(token)
                    .placeOrder(PlaceOrderRequest.newBuilder()
                            .setRequestId("r-1")
                            .setPaymentMethodToken("tok_approve")
                            .build())
                    .getOrderId();
            // the client asks for a day; the server caps the stream at 300 ms
            var stream = api.orders(token)
                    .withDeadlineAfter(1, TimeUnit.DAYS)
                    .watchOrder(WatchOrderRequest.newBuilder().setOrderId(order).build());
            assertThat(stream.next().getOrderId()).isEqualTo(order);
            assertCode(Code.DEADLINE_EXCEEDED, stream::hasNext);
        }
    }
}
