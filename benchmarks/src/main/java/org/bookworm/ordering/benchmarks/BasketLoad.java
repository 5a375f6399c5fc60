package org.bookworm.ordering.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Quantity;

/**
 * Basket operations on Redis through adapters-redis's basket store exactly as the Basket service uses it ({@code
 * RedisAdapters}: its fail-fast Lettuce settings and Lua scripts), under the run's own key prefix. Each
 * virtual-thread client works on a basket of its own and repeats a cycle of add item, replace the basket, get it,
 * remove an item and delete it, checking every answer: a basket other than the one it must be is a correctness
 * finding. Each operation has its own latency histogram.
 */
final class BasketLoad {
    private static final BookId FIRST = new BookId(new UUID(0xB00C, 1));
    private static final BookId SECOND = new BookId(new UUID(0xB00C, 2));
    private static final BookId THIRD = new BookId(new UUID(0xB00C, 3));
    private static final List<BasketItem> REPLACEMENT = List.of(
            new BasketItem(FIRST, Quantity.of(2)),
            new BasketItem(SECOND, Quantity.of(1)),
            new BasketItem(THIRD, Quantity.of(3)));

    private final BasketStore baskets;
    private final List<String> failures;

    /** The operations of one cycle, in order. */
    enum Operation {
        ADD("add item"),
        REPLACE("replace basket"),
        GET("get basket"),
        REMOVE("remove item"),
        DELETE("delete basket");

        final String title;

        Operation(String title) {
            this.title = title;
        }
    }

    /** One run: clients, operations done, wall time and each operation's latencies in microseconds. */
    record Outcome(int clients, long operations, double seconds, Map<Operation, Histogram> micros) {
        double operationsPerSecond() {
            return operations / seconds;
        }
    }

    BasketLoad(BasketStore baskets, List<String> failures) {
        this.baskets = baskets;
        this.failures = failures;
    }

    Outcome run(int clients, Duration duration, long maxCyclesPerClient) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        var perClient = new ArrayList<Map<Operation, Histogram>>();
        var futures = new ArrayList<Future<Long>>();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int client = 0; client < clients; client++) {
                var mine = new EnumMap<Operation, Histogram>(Operation.class);
                for (Operation operation : Operation.values()) {
                    mine.put(operation, Measure.histogram());
                }
                perClient.add(mine);
                futures.add(executor.submit(() -> cycles(deadline, maxCyclesPerClient, mine)));
            }
            long operations = 0;
            for (Future<Long> future : futures) {
                operations += get(future);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            var micros = new EnumMap<Operation, Histogram>(Operation.class);
            for (Operation operation : Operation.values()) {
                Histogram all = Measure.histogram();
                perClient.forEach(mine -> all.add(mine.get(operation)));
                micros.put(operation, all);
            }
            return new Outcome(clients, operations, seconds, micros);
        }
    }

    private long cycles(long deadline, long maxCycles, Map<Operation, Histogram> micros) {
        var buyer = new BuyerId(UUID.randomUUID());
        long operations = 0;
        for (long cycle = 0; cycle < maxCycles && System.nanoTime() < deadline; cycle++) {
            expect(
                    timed(
                            micros,
                            Operation.ADD,
                            () -> baskets.add(buyer, FIRST, Quantity.of(1), null)
                                    .orElseThrow()),
                    Map.of(FIRST, 1));
            expect(
                    timed(
                            micros,
                            Operation.REPLACE,
                            () -> baskets.replace(buyer, REPLACEMENT, null).orElseThrow()),
                    Map.of(FIRST, 2, SECOND, 1, THIRD, 3));
            expect(timed(micros, Operation.GET, () -> baskets.get(buyer)), Map.of(FIRST, 2, SECOND, 1, THIRD, 3));
            expect(
                    timed(
                            micros,
                            Operation.REMOVE,
                            () -> baskets.remove(buyer, SECOND, null).orElseThrow()),
                    Map.of(FIRST, 2, THIRD, 3));
            timed(micros, Operation.DELETE, () -> {
                return baskets.delete(buyer, null);
            });
            operations += Operation.values().length;
        }
        return operations;
    }

    private static <T> T timed(Map<Operation, Histogram> micros, Operation operation, Supplier<T> call) {
        long before = System.nanoTime();
        T answer = call.get();
        micros.get(operation).recordValue((System.nanoTime() - before) / 1_000);
        return answer;
    }

    /** The basket must hold exactly {@code items}; the next cycle's add also proves the delete emptied it. */
    private void expect(Basket basket, Map<BookId, Integer> items) {
        var actual = new HashMap<BookId, Integer>();
        basket.items().forEach(item -> actual.put(item.book(), item.quantity().value()));
        if (!actual.equals(items)) {
            synchronized (failures) {
                failures.add("redis basket of " + basket.buyer() + " holds " + actual + ", expected " + items);
            }
        }
    }

    private static long get(Future<Long> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException failed) {
            throw new IllegalStateException("a basket client failed: " + failed.getCause(), failed.getCause());
        }
    }
}
