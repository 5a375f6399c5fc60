package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.lettuce.core.RedisClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.GetBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.bookworm.ordering.core.composition.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: the four services as four processes behind nginx configured from {@code deploy/nginx}. Checkouts placed
 * through the gateway are confirmed, each with one reservation (made by Finance in Basket's process, over the internal
 * inventory RPC through the gateway) and one payment authorization; the Basket process serves Basket and answers
 * Ordering's RPCs UNIMPLEMENTED. Without nginx on the machine the test fails, naming the package to install.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class SplitGatewayIT {
    private static final int ORDERS = 3;

    @TempDir
    Path dir;

    private ScratchDatabase database;
    private final String redisUrl = System.getenv().getOrDefault("ORDERING_REDIS_URI", "redis://127.0.0.1:6379");
    private final String prefix =
            "split-it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ":";

    @BeforeEach
    void createDatabase() throws SQLException {
        assertThat(Files.isExecutable(Path.of("/usr/sbin/nginx")))
                .as("/usr/sbin/nginx is missing: apt-get install nginx-light (.ci/run installs it)")
                .isTrue();
        database = ScratchDatabase.create("ordering_split");
    }

    @AfterEach
    void dropDatabaseAndKeys() throws SQLException {
        if (database == null) {
            return;
        }
        database.close();
        var redis = RedisClient.create(redisUrl);
        try (var connection = redis.connect()) {
            List<String> ours = connection.sync().keys(prefix + "*");
            if (!ours.isEmpty()) {
                connection.sync().del(ours.toArray(String[]::new));
            }
        } finally {
            redis.shutdown();
        }
    }

    @Test
    void checkouts_through_nginx_are_confirmed_with_one_reservation_and_one_payment_each() throws Exception {
        var orders = new ArrayList<String>();
        try (var deployment = new SplitDeployment(dir, database.url(), redisUrl, prefix)) {
            deployment.start();
            try (var client = new ServeClient(deployment.gatewayPort, dir, UUID.randomUUID())) {
                client.createBuyer();
                for (int i = 0; i < ORDERS; i++) {
                    orders.add(client.placeOrder("split-" + i));
                }
                orders.forEach(order -> client.awaitStatus(order, OrderStatus.ORDER_STATUS_CONFIRMED));
            }
            assertBasketProcessServesOnlyBasket(deployment.ports.get(Service.BASKET));
            // the e-mails are queued by the notifications reactor after the confirmation, on its own time: wait for
            // them as for the other effects (CI once read the log before the first EnqueueEmail had gone through)
            ServeClient.await("an e-mail queued through the gateway", () -> {
                try {
                    return Files.readString(dir.resolve("nginx-access.log"))
                            .contains("/bookworm.internal.notification.v1.EmailRequestService/EnqueueEmail");
                } catch (java.io.IOException unreadable) {
                    throw new java.io.UncheckedIOException(unreadable);
                }
            });
            assertThat(Files.readString(dir.resolve("nginx-access.log")))
                    .as(
                            "Finance reserved, Ordering marked and cleared the basket and queued e-mails through the gateway")
                    .contains(
                            "/bookworm.internal.basket.v1.InventoryService/Reserve",
                            "/bookworm.internal.basket.v1.BasketCheckoutService/MarkCheckedOut",
                            "/bookworm.internal.basket.v1.BasketCheckoutService/ClearCheckedOut",
                            "/bookworm.internal.notification.v1.EmailRequestService/EnqueueEmail");
        }
        assertThat(countPerOrder("SELECT order_id::text, count(*) FROM basket.reservations GROUP BY 1"))
                .as("one reservation per order")
                .containsOnlyKeys(orders)
                .allSatisfy((order, count) -> assertThat(count).isEqualTo(1));
        assertThat(countPerOrder("SELECT stream_id::text, count(*) FROM eventstore.events"
                        + " WHERE type = 'PaymentAuthorized' GROUP BY 1"))
                .as("one payment authorization per order")
                .containsOnlyKeys(orders)
                .allSatisfy((order, count) -> assertThat(count).isEqualTo(1));
    }

    private void assertBasketProcessServesOnlyBasket(int port) throws InterruptedException {
        var channel =
                NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            var headers = new Metadata();
            String token = new DevKeys(dir, Clock.systemUTC()).mint(UUID.randomUUID(), "user", Duration.ofMinutes(5));
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            var auth = MetadataUtils.newAttachHeadersInterceptor(headers);
            var basket = BasketServiceGrpc.newBlockingStub(channel).withInterceptors(auth);
            var ordering = OrderingServiceGrpc.newBlockingStub(channel).withInterceptors(auth);

            assertThat(basket.getBasket(GetBasketRequest.getDefaultInstance()).hasBasket())
                    .isTrue();
            assertThatThrownBy(() -> ordering.placeOrder(PlaceOrderRequest.newBuilder()
                            .setRequestId("not-here")
                            .setPaymentMethodToken("tok_approve")
                            .build()))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            refused -> assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private Map<String, Long> countPerOrder(String sql) throws SQLException {
        var counts = new java.util.HashMap<String, Long>();
        for (String row : database.rows(sql)) {
            int bar = row.lastIndexOf('|');
            counts.put(row.substring(0, bar), Long.parseLong(row.substring(bar + 1)));
        }
        return counts;
    }
}
