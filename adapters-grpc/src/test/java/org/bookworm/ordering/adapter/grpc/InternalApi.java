package org.bookworm.ordering.adapter.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.bookworm.ordering.core.basket.BasketCheckouts;
import org.bookworm.ordering.core.basket.CatalogService;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.composition.Service;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.inmemory.InMemoryBookWorm;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;

/**
 * A process of a split deployment in process: the API serving only {@code served}, with the real interceptors, the
 * deployment's service token and Basket's {@code inventory} served internally; clients reach it through an
 * in-process channel with the same retry policy as {@link ServiceChannel#to}. Close it after each test.
 */
final class InternalApi implements AutoCloseable {
    final TestTokens tokens = new TestTokens();
    final ServiceToken token = ServiceToken.random();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String name = "internal-" + UUID.randomUUID();
    final OrderingApi api;
    /** The in-memory world whose services this process serves (its outbox holds the e-mails requested). */
    final InMemoryBookWorm bookworm;

    private final Server server;
    private final ManagedChannel channel;

    /** Serving {@code served}; with {@code knowsToken} false the process was started without a service token. */
    InternalApi(Set<Service> served, boolean knowsToken, Inventory inventory) {
        this(served, knowsToken, inventory, new InMemoryBasketStore());
    }

    /** As above, serving {@code baskets} as Basket's checkout baskets. */
    InternalApi(Set<Service> served, boolean knowsToken, Inventory inventory, BasketCheckouts baskets) {
        this(served, knowsToken, new OrderingApi.BasketPorts(inventory, baskets, new InMemoryCatalog()));
    }

    /** Serving {@code basket} as Basket's ports to the other processes. */
    InternalApi(Set<Service> served, boolean knowsToken, OrderingApi.BasketPorts basket) {
        bookworm = new InMemoryBookWorm(Clock.systemUTC(), new Random(7));
        api = new OrderingApi(
                new OrderingApi.Services(
                        bookworm.ordering.orders,
                        bookworm.ordering.queries,
                        bookworm.ordering.buyers,
                        bookworm.ordering.buyerViews,
                        bookworm.baskets,
                        bookworm.checkout,
                        new CatalogService(bookworm.catalog, bookworm.inventory),
                        bookworm.sagas,
                        bookworm.payments,
                        bookworm.notifications,
                        bookworm.outbox,
                        bookworm.ordering.events,
                        bookworm.deadLetterService()),
                JwtVerifier.trusting(tokens.jwks(), TestTokens.ISSUER, TestTokens.AUDIENCE),
                OrderingApi.Limits.defaults(),
                scheduler,
                new OrderingApi.Deployment(served, knowsToken ? token : null, basket));
        var builder = InProcessServerBuilder.forName(name).executor(executor);
        api.bindTo(builder);
        try {
            server = builder.build().start();
        } catch (IOException cannotStart) {
            throw new UncheckedIOException(cannotStart);
        }
        channel = channelTo(name);
    }

    /** Basket's process with its inventory, accepting this fixture's token. */
    static InternalApi basket(Inventory inventory) {
        return new InternalApi(Set.of(Service.BASKET), true, inventory);
    }

    /** A client of this process's inventory, sending {@code sent}, each call bounded by {@code deadline}. */
    Inventory inventory(ServiceToken sent, java.time.Duration deadline) {
        return ServiceChannel.over(channel, sent).inventory(deadline);
    }

    /** A client of this process's e-mail requests, sending this fixture's token. */
    org.bookworm.ordering.core.notification.EmailRequests emailRequests(java.time.Duration deadline) {
        return ServiceChannel.over(channel, token).emailRequests(deadline);
    }

    /** A client of this process's payment authorizations, sending this fixture's token. */
    org.bookworm.ordering.core.finance.PaymentAuthorizations paymentAuthorizations(java.time.Duration deadline) {
        return ServiceChannel.over(channel, token).paymentAuthorizations(deadline);
    }

    /** A client of this process's catalog, sending this fixture's token. */
    org.bookworm.ordering.core.basket.Catalog catalog(java.time.Duration deadline) {
        return ServiceChannel.over(channel, token).catalog(deadline);
    }

    /** A client of this process's checkout baskets, sending this fixture's token. */
    BasketCheckouts basketCheckouts(java.time.Duration deadline) {
        return ServiceChannel.over(channel, token).basketCheckouts(deadline);
    }

    /** A channel as {@link ServiceChannel#to} builds it (retries on UNAVAILABLE), in process. */
    static ManagedChannel channelTo(String name) {
        return InProcessChannelBuilder.forName(name)
                .directExecutor()
                .defaultServiceConfig(ServiceChannel.retryConfig())
                .enableRetry()
                .build();
    }

    ManagedChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
        scheduler.shutdownNow();
        executor.shutdownNow();
    }
}
