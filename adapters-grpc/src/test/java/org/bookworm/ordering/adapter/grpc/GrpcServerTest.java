package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;
import static org.bookworm.ordering.adapter.grpc.Statuses.statusOf;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status.Code;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.BuyerServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListOrdersRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.UpdateBuyerAddressRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The real transport on loopback: health, reflection v1, and the message and metadata size limits. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class GrpcServerTest {
    private final ApiFixture api = new ApiFixture();
    private final GrpcServer server = GrpcServer.start(GrpcServer.Settings.plaintext("127.0.0.1", 0), api.api);
    private final ManagedChannel channel = Grpc.newChannelBuilderForAddress(
                    "127.0.0.1", server.port(), InsecureChannelCredentials.create())
            .build();

    @AfterEach
    void close() {
        channel.shutdownNow();
        server.close();
        api.close();
    }

    @Test
    void health_is_serving_without_a_token() {
        var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void reflection_lists_the_public_services() throws Exception {
        var answer = new CompletableFuture<ServerReflectionResponse>();
        var requests = ServerReflectionGrpc.newStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        answer.completeExceptionally(failure);
                    }

                    @Override
                    public void onCompleted() {}
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        var services = answer.get(5, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName)
                .toList();
        assertThat(services)
                .contains(
                        "bookworm.ordering.v1.OrderingService",
                        "bookworm.ordering.v1.BuyerService",
                        "bookworm.basket.v1.BasketService",
                        "bookworm.catalog.v1.CatalogService",
                        "grpc.health.v1.Health");
    }

    @Test
    void a_message_over_256_KiB_is_refused_and_the_server_keeps_serving() {
        String token = api.tokens.user(api.newBuyer());
        var buyers = ApiFixture.authorized(BuyerServiceGrpc.newBlockingStub(channel), token);
        var huge = UpdateBuyerAddressRequest.newBuilder()
                .setAddress(OrderingServiceTest.address("s".repeat(300 * 1024), "B", "C"))
                .build();
        assertCode(Code.RESOURCE_EXHAUSTED, () -> buyers.updateBuyerAddress(huge));
        assertThat(api.allEvents()).hasSize(1); // the buyer profile only

        var fine = buyers.updateBuyerAddress(UpdateBuyerAddressRequest.newBuilder()
                .setAddress(OrderingServiceTest.address("2 Side St", "B", "C"))
                .build());
        assertThat(fine.getVersion()).isEqualTo(2);
    }

    @Test
    void an_authorization_header_over_8_KiB_is_unauthenticated_saying_so() {
        var orders = ApiFixture.authorized(OrderingServiceGrpc.newBlockingStub(channel), "t".repeat(9 * 1024));
        var status = assertCode(Code.UNAUTHENTICATED, () -> orders.listOrders(ListOrdersRequest.getDefaultInstance()));
        assertThat(status.getDescription()).isEqualTo("the authorization header is longer than 8192 characters");
    }

    @Test
    void a_body_that_is_not_protobuf_is_invalid_argument_on_the_real_transport() {
        String token = api.tokens.user(api.newBuyer());
        var status = assertCode(
                Code.INVALID_ARGUMENT,
                () -> RawCalls.unary(
                        channel, OrderingServiceGrpc.getPlaceOrderMethod(), token, new byte[] {0x0A, 0x7F}));
        assertThat(status.getDescription()).startsWith("the PlaceOrder request is not a valid protobuf message");
        var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void metadata_over_32_KiB_is_refused_and_the_server_keeps_serving() {
        var headers = new Metadata();
        headers.put(Metadata.Key.of("x-padding", Metadata.ASCII_STRING_MARSHALLER), "p".repeat(33 * 1024));
        var health = HealthGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(5, TimeUnit.SECONDS);
        var status = statusOf(() -> health.check(HealthCheckRequest.getDefaultInstance()));
        assertThat(status.getCode()).isIn(List.of(Code.RESOURCE_EXHAUSTED, Code.INTERNAL));

        var plain = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
        assertThat(plain.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
    }
}
