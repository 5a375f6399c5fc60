package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.bookworm.ordering.adapter.grpc.GrpcServer;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.AddItemRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketItem;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.common.v1.Address;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.BuyerServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CreateBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListOrdersRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.bookworm.ordering.core.contract.Racing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/reliability.md "Consistency" and "Duplicate requests", measured on {@code ordering serve --postgres-url}, where
 * the read models are projected asynchronously from the log: for each of {@value #BUYERS} new buyers, CreateBuyer,
 * AddItem, then PlaceOrder sent twice at once with one request id, then GetOrder at once. Every placement must find
 * the profile created just before, both PlaceOrder calls must answer the one order, and GetOrder must find it; the
 * list read model is eventually consistent, and the test prints how long ListOrders took to show each order.
 */
class ReadYourWritesIT {
    private static final int BUYERS = 40;
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

    @TempDir
    Path dataDir;

    String adminUrl;
    String database;
    String url;

    @BeforeEach
    void createDatabase() throws SQLException {
        adminUrl = System.getenv()
                .getOrDefault("ORDERING_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        var parts = URL.matcher(adminUrl);
        assertThat(parts.matches()).as(adminUrl).isTrue();
        database = "ordering_ryw_"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        url = parts.group(1) + database + parts.group(3);
        execute("CREATE DATABASE " + database);
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private void execute(String sql) throws SQLException {
        try (var connection = DriverManager.getConnection(adminUrl);
                var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void each_caller_reads_its_own_writes_and_a_racing_retry_answers_the_same_order() {
        var lags = Collections.synchronizedList(new ArrayList<Long>());
        var wiring = new Wiring() {
            @Override
            void serveUntilStopped(GrpcServer server, PrintWriter out) {
                var channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                        .usePlaintext()
                        .build();
                try {
                    var keys = new DevKeys(dataDir, Clock.systemUTC());
                    for (int i = 0; i < BUYERS; i++) {
                        lags.add(buyerOrdersAndReads(
                                channel, keys.mint(UUID.randomUUID(), "user", Duration.ofMinutes(5))));
                    }
                } finally {
                    channel.shutdownNow();
                }
            }
        };
        var out = new StringWriter();
        var err = new StringWriter();
        int exit = OrderingCli.commandLine(wiring)
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                // a rate limit above the test's polling of ListOrders, which measures the read model's lag
                .execute(
                        "serve",
                        "--postgres-url",
                        url,
                        "--port",
                        "0",
                        "--data-dir",
                        dataDir.toString(),
                        "--rate-limit",
                        "10000");

        assertThat(exit).as("%s%n%s", out, err).isZero();
        assertThat(lags).hasSize(BUYERS);
        List<Long> sorted = lags.stream().sorted().toList();
        System.out.printf(
                "ReadYourWritesIT: ListOrders showed a new order after p50 %d ms, p95 %d ms, max %d ms (%d orders)%n",
                sorted.get(BUYERS / 2), sorted.get(BUYERS * 95 / 100), sorted.get(BUYERS - 1), BUYERS);
    }

    /** One buyer's writes and immediate reads; answers how long the order took to appear in ListOrders (ms). */
    private static long buyerOrdersAndReads(ManagedChannel channel, String token) {
        call(BuyerServiceGrpc.newBlockingStub(channel), token)
                .createBuyer(CreateBuyerRequest.newBuilder()
                        .setRequestId("buyer-1")
                        .setName("Ada Lovelace")
                        .setEmail("ada@example.com")
                        .setAddress(Address.newBuilder()
                                .setStreet("1 Main St")
                                .setCity("Seattle")
                                .setProvince("WA"))
                        .build());
        call(BasketServiceGrpc.newBlockingStub(channel), token)
                .addItem(AddItemRequest.newBuilder()
                        .setRequestId("add-1")
                        .setItem(BasketItem.newBuilder()
                                .setBookId(Wiring.DUNE.toString())
                                .setQuantity(1))
                        .build());
        var orders = call(OrderingServiceGrpc.newBlockingStub(channel), token);
        var place = PlaceOrderRequest.newBuilder()
                .setRequestId("order-1")
                .setPaymentMethodToken("tok_approve")
                .build();

        List<Object> placed = race(() -> orders.placeOrder(place).getOrderId());
        String order = (String) placed.get(0);
        assertThat(placed).as("both PlaceOrder calls with one request id").containsExactly(order, order);

        var read = orders.getOrder(
                        GetOrderRequest.newBuilder().setOrderId(order).build())
                .getOrder();
        assertThat(read.getOrderId()).isEqualTo(order);
        assertThat(read.getVersion()).isPositive();
        return lagOfList(orders, order);
    }

    private static List<Object> race(java.util.concurrent.Callable<Object> call) {
        try {
            return Racing.race(2, racer -> call.call());
        } catch (Exception failed) {
            throw new AssertionError("the race failed", failed);
        }
    }

    private static long lagOfList(OrderingServiceGrpc.OrderingServiceBlockingStub orders, String order) {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(10);
        while (orders.listOrders(ListOrdersRequest.getDefaultInstance()).getOrdersList().stream()
                .noneMatch(summary -> summary.getOrderId().equals(order))) {
            assertThat(System.nanoTime())
                    .as("order %s listed within 10 s", order)
                    .isLessThan(deadline);
            try {
                Thread.sleep(2);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static <S extends AbstractStub<S>> S call(S stub, String token) {
        var headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }
}
