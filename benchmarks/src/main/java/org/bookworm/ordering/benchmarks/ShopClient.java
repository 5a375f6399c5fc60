package org.bookworm.ordering.benchmarks;

import io.grpc.ClientInterceptor;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.CatalogServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.SetStockRequest;
import org.bookworm.ordering.adapter.grpc.proto.common.v1.Address;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.BuyerServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CreateBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListBuyersRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;

/**
 * The driver's side of the wire to the benchmark server: a few plaintext loopback channels (several HTTP/2
 * connections, as several client processes would open, rather than every call on one), a stub set per buyer carrying
 * that buyer's token, and an admin's stubs for the checks. Every call gets a deadline (RELIABILITY §5).
 */
final class ShopClient implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final int CHANNELS = 4;

    private final List<ManagedChannel> channels = new ArrayList<>();
    private final DevTokens tokens;
    private final Buyer admin;

    /** One buyer's view of the API: their basket, their orders, their profile. */
    record Buyer(
            UUID id,
            BasketServiceGrpc.BasketServiceBlockingStub basket,
            OrderingServiceGrpc.OrderingServiceBlockingStub orders,
            BuyerServiceGrpc.BuyerServiceBlockingStub profile) {}

    ShopClient(int port, DevTokens tokens) {
        for (int i = 0; i < CHANNELS; i++) {
            channels.add(Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
                    .build());
        }
        this.tokens = tokens;
        this.admin = stubs(UUID.randomUUID(), tokens.admin(), 0);
    }

    /** A call of this stub with the standard deadline from now. */
    static <S extends AbstractStub<S>> S timed(S stub) {
        return stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the server's health service answers SERVING for the whole server (health needs no token). */
    void awaitServing(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        var health = HealthGrpc.newBlockingStub(channels.get(0));
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                var status = timed(health)
                        .check(HealthCheckRequest.newBuilder().setService("").build());
                if (status.getStatus() == ServingStatus.SERVING) {
                    return;
                }
                last = status.getStatus().name();
            } catch (StatusRuntimeException notYet) {
                last = notYet.getStatus().toString();
            }
            Thread.sleep(50);
        }
        throw new ShopServer.SetupProblem("the server's health is not SERVING after " + timeout + ": " + last);
    }

    /**
     * Creates {@code count} buyers with a profile each (a checkout needs one) on {@code clients} virtual threads,
     * then waits until the buyers' read model lists them all, since PlaceOrder reads the profile from there.
     */
    List<Buyer> createBuyers(int count, int clients, Duration timeout) throws InterruptedException {
        return moreBuyers(0, count, clients, timeout);
    }

    /**
     * Creates buyers number {@code from} to {@code from + count - 1} as {@link #createBuyers} does, when the server
     * already lists {@code from} buyers made by this client, and waits until it lists them all.
     */
    List<Buyer> moreBuyers(int from, int count, int clients, Duration timeout) throws InterruptedException {
        var buyers = new ArrayList<Buyer>(count);
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            buyers.add(stubs(id, tokens.buyer(id), from + i));
        }
        try {
            Measure.run(clients, Duration.ofHours(1), (count + clients - 1) / clients, (client, i) -> {
                int slot = (int) (i * clients + client);
                if (slot < count) {
                    int index = from + slot;
                    timed(buyers.get(slot).profile())
                            .createBuyer(CreateBuyerRequest.newBuilder()
                                    .setRequestId("create-" + index)
                                    .setName("Bench Buyer " + index)
                                    .setEmail("buyer" + index + "@bench.bookworm.local")
                                    .setAddress(Address.newBuilder()
                                            .setStreet(index + " Benchmark Way")
                                            .setCity("Seattle")
                                            .setProvince("WA"))
                                    .build());
                }
                return 1;
            });
        } catch (IllegalStateException refused) {
            // a token the server does not accept, say: nothing was measured yet, so this is set-up, not correctness
            throw new ShopServer.SetupProblem("cannot create the buyers: " + refused.getMessage());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long listed;
        while ((listed = listedBuyers()) < from + count) {
            if (System.nanoTime() > deadline) {
                throw new ShopServer.SetupProblem(
                        "only " + listed + " of " + (from + count) + " buyers are in the read model after " + timeout);
            }
            Thread.sleep(100);
        }
        return List.copyOf(buyers);
    }

    /** A basket stub on this client's first channel that sends {@code token} (e.g. a buyer's, from {@link #bearer}). */
    BasketServiceGrpc.BasketServiceBlockingStub basketOf(ClientInterceptor token) {
        return BasketServiceGrpc.newBlockingStub(channels.get(0)).withInterceptors(token);
    }

    Buyer admin() {
        return admin;
    }

    /**
     * Sets each book's copies on hand through the admin API (SetStock, idempotent by its nature), so the load never
     * runs out of stock. Through the server, never its database: a driver of another build must not migrate the
     * server's schema (it once ran a newer migration under an older server, which then failed on a dropped column).
     */
    void restock(List<String> books, int copies) {
        var catalog = CatalogServiceGrpc.newBlockingStub(channels.get(0)).withInterceptors(bearer(tokens.admin()));
        for (String book : books) {
            timed(catalog)
                    .setStock(SetStockRequest.newBuilder()
                            .setBookId(book)
                            .setOnHand(copies)
                            .build());
        }
    }

    private long listedBuyers() {
        long listed = 0;
        String page = "";
        do {
            var reply = timed(admin.profile())
                    .listBuyers(ListBuyersRequest.newBuilder()
                            .setPageSize(100)
                            .setPageToken(page)
                            .build());
            listed += reply.getBuyersCount();
            page = reply.getNextPageToken();
        } while (!page.isEmpty());
        return listed;
    }

    /** Sends {@code token} as the bearer token of every call of a stub it is attached to. */
    static ClientInterceptor bearer(String token) {
        var headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    private Buyer stubs(UUID id, String token, int index) {
        var withToken = bearer(token);
        ManagedChannel channel = channels.get(index % channels.size());
        return new Buyer(
                id,
                BasketServiceGrpc.newBlockingStub(channel).withInterceptors(withToken),
                OrderingServiceGrpc.newBlockingStub(channel).withInterceptors(withToken),
                BuyerServiceGrpc.newBlockingStub(channel).withInterceptors(withToken));
    }

    @Override
    public void close() {
        // the load is over when this runs: nothing in flight is worth waiting for
        channels.forEach(ManagedChannel::shutdownNow);
    }
}
