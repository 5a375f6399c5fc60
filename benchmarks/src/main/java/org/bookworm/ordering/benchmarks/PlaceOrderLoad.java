package org.bookworm.ordering.benchmarks;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.AddItemRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.AddItemResponse;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketItem;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.bookworm.ordering.benchmarks.ShopClient.Buyer;

/**
 * The end-to-end checkout load: virtual-thread clients, each a shopper going through buyers of its own, each turn
 * AddItem (one copy of a demo book) then PlaceOrder with a fresh request id, as the README's walkthrough does. Every
 * acknowledged order goes into the ledger that {@link OrderAudit} checks.
 *
 * <p>A run is bounded by a deadline and a count: each buyer orders at most once per run, since a basket stays held
 * by its checkout until the saga confirms the order (a second PlaceOrder is refused), and reusing buyers would measure
 * the saga instead of PlaceOrder. The caller lets the saga settle between runs; a basket still held shows in
 * AddItem's answer and the turn is counted and skipped. A call the server sheds (RESOURCE_EXHAUSTED) is retried as
 * it asks, and one whose outcome is unknown (UNAVAILABLE, say a store past its timeout on a busy machine) after a
 * short back-off, both with the same request id and counted, as the open loop does ({@link Polite}); every other
 * error is a correctness finding.
 */
final class PlaceOrderLoad {
    private final List<Buyer> buyers;
    private final List<String> books;
    private final Map<String, UUID> ledger = new ConcurrentHashMap<>();
    private final Map<String, Unexpected> errors = new ConcurrentHashMap<>();
    private final LongAdder shed = new LongAdder();
    private final LongAdder unavailable = new LongAdder();

    /** An unexpected error: how often, and the server's description of the first one. */
    record Unexpected(String example, AtomicLong count) {}

    /** One run: clients, acknowledged orders, wall time, latencies (µs), turns skipped for a held basket. */
    record Outcome(int clients, long orders, double seconds, Histogram placeOrder, Histogram addItem, long held) {
        double ordersPerSecond() {
            return orders / seconds;
        }
    }

    PlaceOrderLoad(List<Buyer> buyers, List<String> books) {
        this.buyers = buyers;
        this.books = books;
    }

    /** Every acknowledged order so far (warm-up included): order id to buyer. */
    Map<String, UUID> ledger() {
        return ledger;
    }

    /**
     * Calls the server shed with RESOURCE_EXHAUSTED so far, each retried after the delay it asked for (see {@link
     * Polite}); a figure to report, not an error.
     */
    long shed() {
        return shed.sum();
    }

    /** Calls answered UNAVAILABLE, ABORTED or DEADLINE_EXCEEDED so far, each retried with the same request id. */
    long unavailable() {
        return unavailable.sum();
    }

    /** Unexpected errors so far, by call and status code; each one is a correctness finding. */
    Map<String, Unexpected> errors() {
        return errors;
    }

    Outcome run(int clients, Duration duration) throws InterruptedException {
        if (buyers.size() % clients != 0) {
            throw new IllegalArgumentException(buyers.size() + " buyers cannot be shared by " + clients + " clients");
        }
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        var latencies = new ArrayList<Histogram[]>();
        var futures = new ArrayList<Future<long[]>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int client = 0; client < clients; client++) {
                int me = client;
                var mine = new Histogram[] {Measure.histogram(), Measure.histogram()};
                latencies.add(mine);
                futures.add(executor.submit(() -> shop(me, clients, deadline, mine)));
            }
            long orders = 0;
            long held = 0;
            for (Future<long[]> future : futures) {
                long[] done = get(future);
                orders += done[0];
                held += done[1];
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            var placeOrder = Measure.histogram();
            var addItem = Measure.histogram();
            for (Histogram[] mine : latencies) {
                placeOrder.add(mine[0]);
                addItem.add(mine[1]);
            }
            return new Outcome(clients, orders, seconds, placeOrder, addItem, held);
        }
    }

    /** One client's turns: buyers {@code me}, {@code me + clients}, ..., so no two clients share a basket. */
    private long[] shop(int me, int clients, long deadline, Histogram[] latencies) {
        long orders = 0;
        long held = 0;
        for (int index = me; index < buyers.size() && System.nanoTime() < deadline; index += clients) {
            Buyer buyer = buyers.get(index);
            long before = System.nanoTime();
            AddItemResponse added;
            var addItem = AddItemRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setItem(BasketItem.newBuilder()
                            .setBookId(books.get(index % books.size()))
                            .setQuantity(1))
                    .build();
            try {
                added = Polite.call(() -> ShopClient.timed(buyer.basket()).addItem(addItem), shed, unavailable);
            } catch (StatusRuntimeException failed) {
                count("AddItem", failed.getStatus());
                continue;
            }
            long placing = System.nanoTime();
            latencies[1].recordValue(Math.min(latencies[1].getHighestTrackableValue(), (placing - before) / 1_000));
            if (!added.getBasket().getCheckedOutByOrderId().isEmpty()) {
                held++;
                continue;
            }
            // the same request id on every retry: a shed or unanswered call is sent again, never placed twice
            var placeOrder = PlaceOrderRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setPaymentMethodToken("tok_approve")
                    .build();
            try {
                var placed =
                        Polite.call(() -> ShopClient.timed(buyer.orders()).placeOrder(placeOrder), shed, unavailable);
                latencies[0].recordValue(
                        Math.min(latencies[0].getHighestTrackableValue(), (System.nanoTime() - placing) / 1_000));
                ledger.put(placed.getOrderId(), buyer.id());
                orders++;
            } catch (StatusRuntimeException refused) {
                count("PlaceOrder", refused.getStatus());
            }
        }
        return new long[] {orders, held};
    }

    /**
     * Waits, bounded, until no buyer's basket is held by a checkout any more (see {@link HeldBaskets}). Answers whether
     * all are free.
     */
    boolean awaitBasketsFree(Duration timeout) throws InterruptedException {
        return HeldBaskets.awaitFree(buyers, timeout);
    }

    /** Counted by call and code; the first description of each is kept as its example. */
    private void count(String call, Status status) {
        String key = call + " " + status.getCode();
        errors.computeIfAbsent(key, any -> new Unexpected(String.valueOf(status.getDescription()), new AtomicLong()))
                .count()
                .incrementAndGet();
    }

    private static long[] get(Future<long[]> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException failed) {
            throw new IllegalStateException("a shopper failed: " + failed.getCause(), failed.getCause());
        }
    }
}
