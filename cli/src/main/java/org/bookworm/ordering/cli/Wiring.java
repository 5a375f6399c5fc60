package org.bookworm.ordering.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.GrpcServer;
import org.bookworm.ordering.adapter.grpc.JwtVerifier;
import org.bookworm.ordering.adapter.grpc.OrderingApi;
import org.bookworm.ordering.adapter.grpc.OrderingClient;
import org.bookworm.ordering.core.catalog.Book;
import org.bookworm.ordering.core.catalog.StockStatus;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.bookworm.ordering.core.inmemory.InMemoryOrdering;
import picocli.CommandLine;

/**
 * The only composition root: builds what the commands need (stores, services, the server, clients, keys) and is
 * picocli's factory, so commands get it through their constructor. Tests subclass it to observe a running server.
 */
public class Wiring implements CommandLine.IFactory {
    /** Demo books seeded into the in-memory catalog, so a newcomer can place an order straight away. */
    static final BookId DUNE = BookId.parse("0192f0c8-0000-7000-8000-000000000001");

    static final BookId EMMA = BookId.parse("0192f0c8-0000-7000-8000-000000000002");

    @Override
    public <K> K create(Class<K> type) throws Exception {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Wiring.class) {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(this));
            }
        }
        return CommandLine.defaultFactory().create(type);
    }

    Clock clock() {
        return Clock.systemUTC();
    }

    DevKeys devKeys(Path dataDir) {
        return new DevKeys(dataDir, clock());
    }

    OrderingClient client(String host, int port, String token) {
        return new OrderingClient(host, port, token);
    }

    /** Everything in one process on the in-memory adapters; read models kept current by a background drain. */
    InMemoryStack inMemory() {
        var ordering = new InMemoryOrdering(clock(), new SecureRandom());
        var catalog = new InMemoryCatalog();
        catalog.put(new Book(DUNE, new BookTitle("Dune"), Money.of("12.50", "USD"), null, StockStatus.IN_STOCK));
        catalog.put(new Book(EMMA, new BookTitle("Emma"), Money.of("9.99", "USD"), null, StockStatus.IN_STOCK));
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(
                2, Thread.ofPlatform().name("ordering-background-", 0).daemon().factory());
        scheduler.scheduleWithFixedDelay(ordering::drain, 100, 100, TimeUnit.MILLISECONDS);
        return new InMemoryStack(ordering, new InMemoryBasketStore(), catalog, scheduler);
    }

    GrpcServer startServer(
            InMemoryStack stack, JwtVerifier verifier, OrderingApi.Limits limits, GrpcServer.Settings settings) {
        var services = new OrderingApi.Services(
                stack.ordering().orders,
                stack.ordering().queries,
                stack.ordering().buyers,
                stack.ordering().buyerViews,
                stack.baskets(),
                stack.catalog());
        return GrpcServer.start(settings, new OrderingApi(services, verifier, limits, stack.scheduler()));
    }

    /** Serves until the process is asked to stop (Ctrl-C, SIGTERM). */
    void serveUntilStopped(GrpcServer server, PrintWriter out) throws InterruptedException {
        server.withShutdownHook().awaitTermination();
    }

    /** The in-memory stores and services behind {@code serve --in-memory}. */
    record InMemoryStack(
            InMemoryOrdering ordering,
            InMemoryBasketStore baskets,
            InMemoryCatalog catalog,
            ScheduledExecutorService scheduler)
            implements AutoCloseable {
        @Override
        public void close() {
            scheduler.shutdownNow();
        }
    }

    static Duration parseDuration(String text) {
        try {
            return Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT));
        } catch (java.time.format.DateTimeParseException malformed) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 30s, 15m or 1h");
        }
    }
}
