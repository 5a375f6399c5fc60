package org.bookworm.ordering.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.GetBasketRequest;
import org.bookworm.ordering.benchmarks.ShopClient.Buyer;

/**
 * Waits for the saga to let go of the buyers' baskets: it clears a basket only after it confirmed the order, from a
 * subscription of its own, so a confirmed order does not yet mean a free basket, and a load that reuses its buyers
 * must wait for both before it starts again.
 */
final class HeldBaskets {
    private static final int CHECKERS = 16;

    private HeldBaskets() {}

    /**
     * Asks GetBasket, {@value #CHECKERS} buyers at a time on virtual threads, until no basket is held by a checkout
     * or the timeout passed. Answers whether all are free.
     */
    static boolean awaitFree(List<Buyer> buyers, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<Buyer> waiting = ConcurrentHashMap.newKeySet();
        waiting.addAll(buyers);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            var permits = new Semaphore(CHECKERS);
            try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Buyer buyer : List.copyOf(waiting)) {
                    permits.acquire();
                    executor.submit(() -> {
                        try {
                            if (!held(buyer)) {
                                waiting.remove(buyer);
                            }
                        } finally {
                            permits.release();
                        }
                    });
                }
            }
            if (!waiting.isEmpty()) {
                Thread.sleep(100);
            }
        }
        return waiting.isEmpty();
    }

    private static boolean held(Buyer buyer) {
        return !ShopClient.timed(buyer.basket())
                .getBasket(GetBasketRequest.getDefaultInstance())
                .getBasket()
                .getCheckedOutByOrderId()
                .isEmpty();
    }
}
