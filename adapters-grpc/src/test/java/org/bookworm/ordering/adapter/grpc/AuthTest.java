package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import io.grpc.Status.Code;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.GetBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListOrdersRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class AuthTest {
    private final ApiFixture api = new ApiFixture();
    private final UUID ada = UUID.randomUUID();

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void every_bad_token_is_unauthenticated_with_no_detail() {
        var tokens = api.tokens;
        Instant now = Instant.now();
        Map<String, String> bad = Map.ofEntries(
                Map.entry("empty", ""),
                Map.entry("junk", "not.a.token"),
                Map.entry("alg none", tokens.unsigned(ada)),
                Map.entry("HS256 with the RSA public key", tokens.hmacWithPublicKey(ada)),
                Map.entry("signed by another key", tokens.forged(ada)),
                Map.entry(
                        "expired",
                        tokens.userWith(ada, c -> c.expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))))),
                Map.entry(
                        "not yet valid",
                        tokens.userWith(ada, c -> c.notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5)))))),
                Map.entry(
                        "issued in the future",
                        tokens.userWith(ada, c -> c.issueTime(Date.from(now.plus(Duration.ofMinutes(5)))))),
                Map.entry("wrong issuer", tokens.userWith(ada, c -> c.issuer("https://evil.example"))),
                Map.entry("wrong audience", tokens.userWith(ada, c -> c.audience("another-service"))),
                Map.entry("no expiry", tokens.userWith(ada, c -> c.expirationTime(null))),
                Map.entry("no issue time", tokens.userWith(ada, c -> c.issueTime(null))),
                Map.entry("subject not a UUID", tokens.userWith(ada, c -> c.subject("alice"))),
                Map.entry("roles not a list", tokens.userWith(ada, c -> c.claim("roles", "user"))));
        bad.forEach((name, token) -> {
            var status = assertCode(
                    Code.UNAUTHENTICATED, () -> api.orders(token).listOrders(ListOrdersRequest.getDefaultInstance()));
            assertThat(status.getDescription()).as(name).isNull();
        });
    }

    @Test
    void a_valid_token_that_grants_no_role_may_do_nothing() {
        var tokens = api.tokens;
        Map<String, String> roleless = Map.of(
                "no roles claim", tokens.userWith(ada, c -> c.claim("roles", null)),
                "empty roles", tokens.userWith(ada, c -> c.claim("roles", List.of())),
                "only another application's role", tokens.userWith(ada, c -> c.claim("roles", List.of("root"))),
                "scopes but no role",
                        tokens.userWith(ada, c -> c.claim("roles", null).claim("scope", "orders:read orders:write")));
        roleless.forEach((name, token) -> {
            var status = assertCode(
                    Code.PERMISSION_DENIED, () -> api.orders(token).listOrders(ListOrdersRequest.getDefaultInstance()));
            assertThat(status.getDescription()).as(name).isEqualTo("your token grants no role");
            assertCode(
                    Code.PERMISSION_DENIED, () -> api.baskets(token).getBasket(GetBasketRequest.getDefaultInstance()));
        });
        var health = HealthGrpc.newBlockingStub(api.channel());
        api.api.health().setStatus("", ServingStatus.SERVING);
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void scopes_are_not_required_and_grant_nothing() {
        Function<String, Integer> orders = token -> api.orders(token)
                .listOrders(ListOrdersRequest.getDefaultInstance())
                .getOrdersCount();
        assertThat(orders.apply(api.tokens.userWith(ada, c -> c.claim("scope", "openid"))))
                .isZero();
        assertThat(orders.apply(api.tokens.userWith(ada, c -> c.claim("scp", List.of("unrelated")))))
                .isZero();
        // an admin-sounding scope does not make a user an admin
        String scoped = api.tokens.userWith(ada, c -> c.claim("scope", "admin orders:admin"));
        assertCode(
                Code.PERMISSION_DENIED,
                () -> api.buyers(scoped)
                        .listBuyers(
                                org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListBuyersRequest
                                        .getDefaultInstance()));
        // an unknown role next to a known one is ignored
        assertThat(orders.apply(api.tokens.userWith(ada, c -> c.claim("roles", List.of("user", "root")))))
                .isZero();
    }

    @Test
    void a_call_without_a_bearer_header_is_unauthenticated() {
        var stub = org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketServiceGrpc.newBlockingStub(api.channel());
        assertCode(Code.UNAUTHENTICATED, () -> stub.getBasket(GetBasketRequest.getDefaultInstance()));
    }

    @Test
    void health_needs_no_token() {
        var health = HealthGrpc.newBlockingStub(api.channel());
        api.api.health().setStatus("", ServingStatus.SERVING);
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void a_valid_token_names_the_caller() {
        Function<String, Integer> orders = token -> api.orders(token)
                .listOrders(ListOrdersRequest.getDefaultInstance())
                .getOrdersCount();
        assertThat(orders.apply(api.tokens.user(ada))).isZero();
        assertThat(orders.apply(api.tokens.admin(ada))).isZero();
    }
}
