package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.Statuses.failureOf;
import static org.bookworm.ordering.adapter.grpc.Statuses.retryMillis;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListOrdersRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListOrdersResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * Admission control on the real transport (issue 11.3): a server that lets 2 calls in at once (1 thread, 1 waiting)
 * refuses the third with RESOURCE_EXHAUSTED and a RetryInfo, keeps the connection, and serves the first two and the
 * calls after them. Calls are held in flight by clients that open them and send the request later.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class AdmissionTest {
    private final ApiFixture api = new ApiFixture();
    private final GrpcServer server =
            GrpcServer.start(new GrpcServer.Settings("127.0.0.1", 0, 1, 1, null, null), api.api);
    private final ManagedChannel channel = Grpc.newChannelBuilderForAddress(
                    "127.0.0.1", server.port(), InsecureChannelCredentials.create())
            .build();
    private final String token = api.tokens.user(UUID.randomUUID());

    @AfterEach
    void close() {
        channel.shutdownNow();
        server.close();
        api.close();
    }

    @Test
    void past_the_limit_a_call_is_refused_with_a_retry_delay_and_the_connection_survives() throws Exception {
        var held = List.of(new HeldCall(), new HeldCall());
        awaitRefusalOfTheNextCall();

        var refusal = failureOf(this::listOrders);
        assertThat(refusal.getStatus().getDescription()).isEqualTo("the server is at capacity: retry shortly");
        assertThat(retryMillis(refusal)).isBetween(100L, 199L);
        assertThat(server.refusedCalls()).isPositive();

        for (HeldCall call : held) {
            assertThat(call.finish().getOrdersCount()).isZero(); // admitted calls still complete on the same connection
        }
        assertThat(listOrders().getOrdersCount()).isZero(); // room again: served
        assertThat(channel.getState(false)).isEqualTo(ConnectivityState.READY);
    }

    @Test
    void health_is_answered_while_the_server_is_full() throws Exception {
        var held = List.of(new HeldCall(), new HeldCall());
        awaitRefusalOfTheNextCall();
        var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
        for (HeldCall call : held) {
            call.finish();
        }
    }

    @Test
    void calls_below_the_limit_are_all_served() {
        List<Integer> counts = new ArrayList<>();
        for (int call = 0; call < 20; call++) {
            counts.add(listOrders().getOrdersCount());
        }
        assertThat(counts).hasSize(20).containsOnly(0);
        assertThat(server.refusedCalls()).isZero();
    }

    private ListOrdersResponse listOrders() {
        return ApiFixture.authorized(OrderingServiceGrpc.newBlockingStub(channel), token)
                .listOrders(ListOrdersRequest.getDefaultInstance());
    }

    /**
     * The held calls are admitted when their headers arrive. A client flushes a unary call's headers with its request
     * only, so a health check (which admission does not count) flushes them out.
     */
    private void awaitRefusalOfTheNextCall() throws InterruptedException {
        HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.callsInFlight() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.callsInFlight()).as("calls held in flight").isEqualTo(2);
    }

    /** A ListOrders call opened now, whose request is sent only by {@link #finish()}. */
    private final class HeldCall {
        private final ClientCall<ListOrdersRequest, ListOrdersResponse> call;
        private final CompletableFuture<ListOrdersResponse> answer = new CompletableFuture<>();

        HeldCall() {
            call = channel.newCall(
                    OrderingServiceGrpc.getListOrdersMethod(),
                    CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS));
            var headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            call.start(
                    new ClientCall.Listener<>() {
                        @Override
                        public void onMessage(ListOrdersResponse message) {
                            answer.complete(message);
                        }

                        @Override
                        public void onClose(Status status, Metadata trailers) {
                            if (!status.isOk()) {
                                answer.completeExceptionally(status.asRuntimeException());
                            }
                        }
                    },
                    headers);
            call.request(1);
        }

        ListOrdersResponse finish() throws Exception {
            call.sendMessage(ListOrdersRequest.getDefaultInstance());
            call.halfClose();
            return answer.get(10, TimeUnit.SECONDS);
        }
    }
}
