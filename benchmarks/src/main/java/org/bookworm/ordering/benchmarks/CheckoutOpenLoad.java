package org.bookworm.ordering.benchmarks;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.AddItemRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.AddItemResponse;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketItem;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.PlaceOrderRequest;
import org.bookworm.ordering.benchmarks.ShopClient.Buyer;

/**
 * The open-loop checkout offer: buyer turns arrive on an {@link ArrivalSchedule}, each on a virtual thread of its
 * own, whatever the server did with the turns before (a closed loop of waiting clients would slow its offer down
 * with the server and hide the stall). A turn is AddItem (one copy of a demo book) then PlaceOrder with the approving
 * payment token, each with a fresh request id; its latency is taken from the turn's intended start to PlaceOrder's
 * answer, so it includes AddItem, any wait for a late dispatch and every retry of a shed call. PlaceOrder's own
 * service time (from its sending) is kept apart, to tell queueing from work.
 *
 * <p>Turns go round-robin over a {@link BuyerPool}. A turn is held, counted and skipped, when its buyer's previous
 * turn is still unanswered, or when AddItem's answer shows the basket still held by the previous checkout (the saga
 * has not confirmed it and cleared the basket yet). A call shed with RESOURCE_EXHAUSTED is retried as the server asks,
 * and one answered UNAVAILABLE after a short back-off, both with the same request id, and counted ({@link Polite}):
 * the buyer waits longer, which the latency shows, but nothing is lost. Any other error, or a call still refused
 * after {@link Polite#PATIENCE}, is counted by call and code, and is a correctness finding. Every acknowledged order goes into the step's ledger; an order id acknowledged twice is a
 * finding too.
 */
final class CheckoutOpenLoad {
    private static final long LONGEST_PARK_NANOS = Duration.ofMillis(5).toNanos();

    private final List<String> books;
    private final LongAdder shed = new LongAdder();
    private final LongAdder unavailable = new LongAdder();

    CheckoutOpenLoad(List<String> books) {
        this.books = List.copyOf(books);
    }

    /** Offers the schedule to the pool's buyers and waits until every turn has its answer. */
    CheckoutStep offer(ArrivalSchedule schedule, BuyerPool<Buyer> pool) {
        var turns = new Turns(pool);
        long shedBefore = shed.sum();
        long unavailableBefore = unavailable.sum();
        Instant windowStart = Instant.now();
        long origin = System.nanoTime();
        long arrivals = schedule.arrivals();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long arrival = 0; arrival < arrivals; arrival++) {
                long intended = origin + schedule.intendedOffsetNanos(arrival);
                parkUntil(intended);
                long mine = arrival;
                executor.execute(() -> turns.take(mine, intended));
            }
        }
        return turns.step(
                schedule, windowStart, arrivals, shed.sum() - shedBefore, unavailable.sum() - unavailableBefore);
    }

    private static void parkUntil(long intended) {
        for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
            LockSupport.parkNanos(Math.min(wait, LONGEST_PARK_NANOS));
        }
    }

    /** The turns of one offer and what they met. */
    private final class Turns {
        private final BuyerPool<Buyer> pool;
        private final Recorder turn = new Recorder(ArrivalSchedule.HIGHEST_MICROS, 3);
        private final Recorder placeOrder = new Recorder(ArrivalSchedule.HIGHEST_MICROS, 3);
        private final LongAdder acknowledged = new LongAdder();
        private final LongAdder busy = new LongAdder();
        private final LongAdder basketHeld = new LongAdder();
        private final Map<String, UUID> ledger = new ConcurrentHashMap<>();
        private final Map<String, String> doubled = new ConcurrentHashMap<>();
        private final Map<String, PlaceOrderLoad.Unexpected> errors = new ConcurrentHashMap<>();

        Turns(BuyerPool<Buyer> pool) {
            this.pool = pool;
        }

        void take(long arrival, long intended) {
            Buyer buyer = pool.claim(arrival);
            if (buyer == null) {
                busy.increment();
                return;
            }
            try {
                checkout(buyer, arrival, intended);
            } finally {
                pool.release(arrival);
            }
        }

        private void checkout(Buyer buyer, long arrival, long intended) {
            var addItem = AddItemRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setItem(BasketItem.newBuilder()
                            .setBookId(books.get((int) (arrival % books.size())))
                            .setQuantity(1))
                    .build();
            AddItemResponse added;
            try {
                added = Polite.call(() -> ShopClient.timed(buyer.basket()).addItem(addItem), shed, unavailable);
            } catch (StatusRuntimeException failed) {
                error("AddItem", failed.getStatus());
                return;
            }
            if (added.getBasket().getCheckedOutByOrderId().isEmpty()) {
                placeOrder(buyer, intended);
            } else {
                basketHeld.increment();
            }
        }

        private void placeOrder(Buyer buyer, long intended) {
            // the same request id on every retry: a shed call is sent again, never placed twice
            var request = PlaceOrderRequest.newBuilder()
                    .setRequestId(UUID.randomUUID().toString())
                    .setPaymentMethodToken("tok_approve")
                    .build();
            long sent = System.nanoTime();
            try {
                var placed = Polite.call(() -> ShopClient.timed(buyer.orders()).placeOrder(request), shed, unavailable);
                long answered = System.nanoTime();
                turn.recordValue(ArrivalSchedule.fromIntendedStart(intended, answered));
                placeOrder.recordValue(ArrivalSchedule.fromIntendedStart(sent, answered));
                if (ledger.putIfAbsent(placed.getOrderId(), buyer.id()) != null) {
                    doubled.put(placed.getOrderId(), buyer.id().toString());
                }
                acknowledged.increment();
            } catch (StatusRuntimeException refused) {
                error("PlaceOrder", refused.getStatus());
            }
        }

        private void error(String call, Status status) {
            String key = call + " " + status.getCode();
            errors.computeIfAbsent(
                            key,
                            any -> new PlaceOrderLoad.Unexpected(
                                    String.valueOf(status.getDescription()), new AtomicLong()))
                    .count()
                    .incrementAndGet();
        }

        CheckoutStep step(
                ArrivalSchedule schedule, Instant windowStart, long arrivals, long shedCalls, long unavailableCalls) {
            return new CheckoutStep(
                    schedule,
                    windowStart,
                    windowStart.plus(schedule.length()),
                    arrivals,
                    acknowledged.sum(),
                    turn.getIntervalHistogram(),
                    placeOrder.getIntervalHistogram(),
                    busy.sum(),
                    basketHeld.sum(),
                    shedCalls,
                    unavailableCalls,
                    new TreeMap<>(errors),
                    Map.copyOf(ledger),
                    List.copyOf(doubled.keySet()));
        }
    }
}
