package org.bookworm.ordering.adapter.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.proto.admin.v1.AdminServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.CatalogServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.finance.v1.FinanceServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.notification.v1.NotificationServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.BuyerServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.basket.CatalogService;
import org.bookworm.ordering.core.basket.StockStatus;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.inmemory.InMemoryBookWorm;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.bookworm.ordering.core.inmemory.InMemoryOrdering;

/**
 * The whole API on the in-memory adapters behind an in-process server, with the real application services and the
 * real interceptors; tokens come from {@link TestTokens}. Close it after each test.
 */
final class ApiFixture implements AutoCloseable {
    static final BookId DUNE = BookId.parse("0192f0c8-0000-7000-8000-000000000001");
    static final BookId EMMA = BookId.parse("0192f0c8-0000-7000-8000-000000000002");
    static final BookId EURO_BOOK = BookId.parse("0192f0c8-0000-7000-8000-000000000003");

    final TestTokens tokens = new TestTokens();
    final InMemoryBookWorm bookworm = new InMemoryBookWorm(Clock.systemUTC(), new Random(42));
    final InMemoryOrdering ordering = bookworm.ordering;
    final InMemoryBasketStore baskets = bookworm.basketStore;
    final InMemoryCatalog catalog = bookworm.catalog;
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    final OrderingApi api;
    private final Server server;
    private final ManagedChannel channel;

    ApiFixture() {
        this(OrderingApi.Limits.defaults());
    }

    ApiFixture(OrderingApi.Limits limits) {
        catalog.put(new Book(DUNE, new BookTitle("Dune"), Money.of("12.50", "USD"), null, StockStatus.IN_STOCK));
        catalog.put(new Book(
                EMMA, new BookTitle("Emma"), Money.of("9.99", "USD"), Money.of("7.00", "USD"), StockStatus.IN_STOCK));
        catalog.put(new Book(EURO_BOOK, new BookTitle("Faust"), Money.of("15.00", "EUR"), null, StockStatus.IN_STOCK));
        for (BookId book : List.of(DUNE, EMMA, EURO_BOOK)) {
            bookworm.inventory.restock(book, 1_000);
        }
        api = new OrderingApi(
                new OrderingApi.Services(
                        ordering.orders,
                        ordering.queries,
                        ordering.buyers,
                        ordering.buyerViews,
                        bookworm.baskets,
                        bookworm.checkout,
                        new CatalogService(catalog, bookworm.inventory),
                        bookworm.sagas,
                        bookworm.payments,
                        bookworm.notifications,
                        bookworm.outbox,
                        ordering.events,
                        bookworm.deadLetterService()),
                JwtVerifier.trusting(tokens.jwks(), TestTokens.ISSUER, TestTokens.AUDIENCE),
                limits,
                scheduler);
        String name = "api-" + UUID.randomUUID();
        var builder = InProcessServerBuilder.forName(name)
                .executor(executor)
                .maxInboundMessageSize(GrpcServer.MAX_MESSAGE_BYTES)
                .maxInboundMetadataSize(GrpcServer.MAX_METADATA_BYTES);
        api.bindTo(builder);
        try {
            server = builder.build().start();
        } catch (IOException cannotStart) {
            throw new UncheckedIOException(cannotStart);
        }
        channel = InProcessChannelBuilder.forName(name).build();
    }

    /** A buyer with a token and a buyer profile. */
    UUID newBuyer() {
        UUID buyer = UUID.randomUUID();
        var created = ordering.buyers.create(
                Caller.buyer(new BuyerId(buyer)),
                new PersonName("Ada Lovelace"),
                new EmailAddress("ada@example.com"),
                new Address("1 Main St", "Seattle", "WA"));
        if (!created.isDone()) {
            throw new IllegalStateException("could not create the buyer profile: " + created);
        }
        ordering.drain(); // checkout reads the profile from the buyer read model
        return buyer;
    }

    OrderingServiceGrpc.OrderingServiceBlockingStub orders(String token) {
        return authorized(OrderingServiceGrpc.newBlockingStub(channel), token);
    }

    OrderingServiceGrpc.OrderingServiceStub ordersAsync(String token) {
        return authorized(OrderingServiceGrpc.newStub(channel), token);
    }

    BuyerServiceGrpc.BuyerServiceBlockingStub buyers(String token) {
        return authorized(BuyerServiceGrpc.newBlockingStub(channel), token);
    }

    BasketServiceGrpc.BasketServiceBlockingStub baskets(String token) {
        return authorized(BasketServiceGrpc.newBlockingStub(channel), token);
    }

    AdminServiceGrpc.AdminServiceBlockingStub admin(String token) {
        return authorized(AdminServiceGrpc.newBlockingStub(channel), token);
    }

    FinanceServiceGrpc.FinanceServiceBlockingStub finance(String token) {
        return authorized(FinanceServiceGrpc.newBlockingStub(channel), token);
    }

    NotificationServiceGrpc.NotificationServiceBlockingStub notifications(String token) {
        return authorized(NotificationServiceGrpc.newBlockingStub(channel), token);
    }

    CatalogServiceGrpc.CatalogServiceBlockingStub catalog(String token) {
        return authorized(CatalogServiceGrpc.newBlockingStub(channel), token);
    }

    io.grpc.Channel channel() {
        return channel;
    }

    /** Runs checkout (saga, stock, payment) and the read models until nothing moves: placed orders confirm. */
    void checkout() {
        bookworm.drain();
    }

    /** Every event in the store, to prove a refused call wrote nothing. */
    List<?> allEvents() {
        return ordering.events.readAfter(LogPosition.START, Integer.MAX_VALUE);
    }

    static <S extends AbstractStub<S>> S authorized(S stub, String token) {
        var headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
        scheduler.shutdownNow();
        executor.shutdownNow();
    }
}
