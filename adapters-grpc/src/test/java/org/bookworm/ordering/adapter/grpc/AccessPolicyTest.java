package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status.Code;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.GetCheckoutRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class AccessPolicyTest {
    private final ApiFixture api = new ApiFixture();

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void every_served_method_has_a_policy() {
        var methods = api.api.definitions().stream()
                .flatMap(service -> service.getMethods().stream())
                .map(method -> method.getMethodDescriptor().getFullMethodName())
                .toList();
        assertThat(methods).hasSizeGreaterThan(20);
        assertThat(methods)
                .allSatisfy(method -> assertThat(AccessPolicy.of(method))
                        .as("policy of %s", method)
                        .isPresent());
    }

    @Test
    void a_method_without_a_policy_is_denied_even_to_admins() throws IOException {
        // a service the table has never heard of, served anyway: it must refuse everyone
        var method = io.grpc.MethodDescriptor.<GetCheckoutRequest, GetCheckoutRequest>newBuilder()
                .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
                .setFullMethodName("bookworm.secret.v1.SecretService/Leak")
                .setRequestMarshaller(ProtoUtils.marshaller(GetCheckoutRequest.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(GetCheckoutRequest.getDefaultInstance()))
                .build();
        var secret = ServerServiceDefinition.builder("bookworm.secret.v1.SecretService")
                .addMethod(method, ServerCalls.asyncUnaryCall((request, responses) -> {
                    responses.onNext(request);
                    responses.onCompleted();
                }))
                .build();
        String name = "deny-" + UUID.randomUUID();
        var guarded = ServerInterceptors.intercept(
                secret,
                new AuthInterceptor(JwtVerifier.trusting(api.tokens.jwks(), TestTokens.ISSUER, TestTokens.AUDIENCE)));
        var server =
                InProcessServerBuilder.forName(name).addService(guarded).build().start();
        var channel = InProcessChannelBuilder.forName(name).build();
        try {
            var headers = new io.grpc.Metadata();
            headers.put(
                    io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER),
                    "Bearer " + api.tokens.admin(UUID.randomUUID()));
            var call = io.grpc.ClientInterceptors.intercept(
                    channel, io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers));
            assertCode(
                    Code.PERMISSION_DENIED,
                    () -> ClientCalls.blockingUnaryCall(
                            call, method, io.grpc.CallOptions.DEFAULT, GetCheckoutRequest.getDefaultInstance()));
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }

    @Test
    void admin_methods_are_few_and_named() {
        var admin = api.api.definitions().stream()
                .flatMap(service -> service.getMethods().stream())
                .map(ServerMethodDefinition::getMethodDescriptor)
                .map(method -> method.getFullMethodName())
                .filter(method -> AccessPolicy.of(method).orElseThrow() == AccessPolicy.Access.ADMIN)
                .toList();
        assertThat(admin)
                .containsExactlyInAnyOrder(
                        "bookworm.ordering.v1.OrderingService/ShipOrder",
                        "bookworm.ordering.v1.OrderingService/DeleteOrder",
                        "bookworm.ordering.v1.BuyerService/ListBuyers",
                        "bookworm.ordering.v1.BuyerService/DeleteBuyer",
                        "bookworm.catalog.v1.CatalogService/PutBook",
                        "bookworm.catalog.v1.CatalogService/RetireBook",
                        "bookworm.catalog.v1.CatalogService/GetStock",
                        "bookworm.catalog.v1.CatalogService/SetStock",
                        "bookworm.catalog.v1.CatalogService/ReceiveStock",
                        "bookworm.notification.v1.NotificationService/ResendFailedEmails",
                        "bookworm.notification.v1.NotificationService/CleanUpSentEmails",
                        "bookworm.admin.v1.AdminService/ListSubscriptions",
                        "bookworm.admin.v1.AdminService/ListDeadLetters",
                        "bookworm.admin.v1.AdminService/RetryDeadLetters",
                        "bookworm.admin.v1.AdminService/DropDeadLetters");
    }
}
