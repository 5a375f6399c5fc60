package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status.Code;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.FinanceServiceGrpc;
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
        // FinanceService has no policy entries yet: served anyway, it must refuse everyone
        String name = "deny-" + UUID.randomUUID();
        var finance = ServerInterceptors.intercept(
                new FinanceServiceGrpc.FinanceServiceImplBase() {},
                new AuthInterceptor(JwtVerifier.trusting(api.tokens.jwks(), TestTokens.ISSUER, TestTokens.AUDIENCE)));
        var server =
                InProcessServerBuilder.forName(name).addService(finance).build().start();
        var channel = InProcessChannelBuilder.forName(name).build();
        try {
            var stub = ApiFixture.authorized(
                    FinanceServiceGrpc.newBlockingStub(channel), api.tokens.admin(UUID.randomUUID()));
            assertCode(Code.PERMISSION_DENIED, () -> stub.getCheckout(GetCheckoutRequest.getDefaultInstance()));
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
                        "bookworm.catalog.v1.CatalogService/PutBook");
    }
}
