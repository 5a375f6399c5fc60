package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.AddItemRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketItem;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.GetBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.common.v1.Address;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.BuyerServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CreateBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderHistoryRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.Order;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderHistoryEntry;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;

/** A gRPC client of a running {@code ordering serve} for the serve ITs: one buyer, with a dev token. */
final class ServeClient implements AutoCloseable {
    private final ManagedChannel channel;
    private final Metadata headers = new Metadata();

    ServeClient(int port, Path dataDir, UUID buyer) {
        this.channel =
                NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        String token = new DevKeys(dataDir, Clock.systemUTC()).mint(buyer, "user", Duration.ofMinutes(30));
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    }

    private <S extends AbstractStub<S>> S call(S stub) {
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /**
     * The command line of {@code ordering serve} in a child JVM on this test's class path: {@code jvmOptions} (a heap
     * limit, say), then {@code serve} with {@code arguments}.
     */
    static List<String> serveCommand(List<String> jvmOptions, String... arguments) {
        var command = new java.util.ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), OrderingCli.class.getName(), "serve"));
        command.addAll(List.of(arguments));
        return List.copyOf(command);
    }

    /**
     * Starts {@code ordering serve} as {@code command} in a child process logging to {@code log}, and waits (at most 3
     * minutes) until its health on {@code port} answers SERVING; fails with the log if it exits or never does.
     */
    static Process startServing(List<String> command, Path log, int port)
            throws java.io.IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (!serving(port)) {
            assertThat(process.isAlive())
                    .as("ordering serve exited early:%n%s", java.nio.file.Files.readString(log))
                    .isTrue();
            assertThat(Instant.now())
                    .as("ordering serve did not start:%n%s", java.nio.file.Files.readString(log))
                    .isBefore(deadline);
            Thread.sleep(200);
        }
        return process;
    }

    /** True once the server's health service answers SERVING. */
    static boolean serving(int port) {
        var channel =
                NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            return HealthGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(2, TimeUnit.SECONDS)
                            .check(HealthCheckRequest.getDefaultInstance())
                            .getStatus()
                    == HealthCheckResponse.ServingStatus.SERVING;
        } catch (StatusRuntimeException notYet) {
            return false;
        } finally {
            channel.shutdownNow();
        }
    }

    /** Creates the buyer and waits until its profile answers. */
    void createBuyer() {
        call(BuyerServiceGrpc.newBlockingStub(channel))
                .createBuyer(CreateBuyerRequest.newBuilder()
                        .setRequestId("buyer-1")
                        .setName("Ada Lovelace")
                        .setEmail("ada@example.com")
                        .setAddress(Address.newBuilder()
                                .setStreet("1 Main St")
                                .setCity("Seattle")
                                .setProvince("WA"))
                        .build());
        await("the buyer's profile", () -> {
            try {
                call(BuyerServiceGrpc.newBlockingStub(channel)).getBuyer(GetBuyerRequest.getDefaultInstance());
                return true;
            } catch (StatusRuntimeException notYet) {
                return false;
            }
        });
    }

    /**
     * Fills the basket with one Dune and places an order from it; returns the acknowledged order id once the basket
     * is free again (the reactor clears it), so the next order starts from an empty basket.
     */
    String placeOrder(String requestId) {
        call(BasketServiceGrpc.newBlockingStub(channel))
                .addItem(AddItemRequest.newBuilder()
                        .setRequestId("add-" + requestId)
                        .setItem(BasketItem.newBuilder()
                                .setBookId(Wiring.DUNE.toString())
                                .setQuantity(1))
                        .build());
        // checkout reads the buyer's own stream (ADR 0019), so a profile created just before is found; a
        // FAILED_PRECONDITION is still retried with the same request id, which is safe (ADR 0018)
        String[] order = new String[1];
        await("order " + requestId + " to be accepted", () -> {
            try {
                order[0] = call(OrderingServiceGrpc.newBlockingStub(channel))
                        .placeOrder(PlaceOrderRequest.newBuilder()
                                .setRequestId(requestId)
                                .setPaymentMethodToken("tok_approve")
                                .build())
                        .getOrderId();
                return true;
            } catch (StatusRuntimeException refused) {
                if (refused.getStatus().getCode() != Status.Code.FAILED_PRECONDITION) {
                    throw refused;
                }
                return false;
            }
        });
        await("the basket to be cleared after " + order[0], () -> {
            var basket = call(BasketServiceGrpc.newBlockingStub(channel))
                    .getBasket(GetBasketRequest.getDefaultInstance())
                    .getBasket();
            return basket.getItemsCount() == 0
                    && basket.getCheckedOutByOrderId().isEmpty();
        });
        return order[0];
    }

    /** The order's read model, waiting for it to be projected. */
    Order order(String orderId) {
        Order[] found = new Order[1];
        await("order " + orderId, () -> {
            try {
                found[0] = call(OrderingServiceGrpc.newBlockingStub(channel))
                        .getOrder(
                                GetOrderRequest.newBuilder().setOrderId(orderId).build())
                        .getOrder();
                return true;
            } catch (StatusRuntimeException missing) {
                if (missing.getStatus().getCode() != Status.Code.NOT_FOUND) {
                    throw missing;
                }
                return false;
            }
        });
        return found[0];
    }

    void awaitStatus(String orderId, OrderStatus status) {
        await("order " + orderId + " to be " + status, () -> order(orderId).getStatus() == status);
    }

    List<String> history(String orderId) {
        return call(OrderingServiceGrpc.newBlockingStub(channel))
                .getOrderHistory(
                        GetOrderHistoryRequest.newBuilder().setOrderId(orderId).build())
                .getEventsList()
                .stream()
                .map(OrderHistoryEntry::getEventType)
                .toList();
    }

    static void await(String what, Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!condition.get()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, interrupted);
            }
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
