package org.bookworm.ordering.benchmarks;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListOrdersRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.Order;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus;
import org.bookworm.ordering.benchmarks.ShopClient.Buyer;

/**
 * Reads, as an admin over the public API, when the server placed and confirmed every order of an offer: waits
 * (bounded) until no order is listed as Placed any more, then asks GetOrder for each order of the ledger until it is
 * Confirmed, on {@value #READERS} virtual threads at a time. A Confirmed order's {@code updated_at} is its
 * OrderConfirmed (the load does nothing else to an order), stamped by the server like {@code placed_at}, so no
 * polling interval is in the figure. An order that ends otherwise than Confirmed, belongs to another buyer, or is
 * still not Confirmed at the timeout is a problem.
 */
final class Confirmations {
    private static final int READERS = 16;
    private static final Duration PAUSE = Duration.ofMillis(250);

    private final Buyer admin;

    Confirmations(Buyer admin) {
        this.admin = admin;
    }

    /** What was read: the stamps of every order of the ledger, and the problems found. */
    record Read(Map<String, TimeToConfirm.Stamps> stamps, List<String> problems) {}

    Read await(Map<String, UUID> ledger, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && anyPlaced()) {
            Thread.sleep(PAUSE);
        }
        var stamps = new ConcurrentHashMap<String, TimeToConfirm.Stamps>();
        var pending = new ConcurrentHashMap<String, UUID>(ledger);
        var finished = new ConcurrentHashMap<String, String>();
        readAll(pending, stamps, finished);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(PAUSE);
            readAll(pending, stamps, finished);
        }
        pending.keySet().forEach(order -> finished.putIfAbsent(order, "not Confirmed after " + timeout));
        return new Read(Map.copyOf(stamps), summary(finished));
    }

    /** One line per kind of problem, with how many orders had it and one of them. */
    private static List<String> summary(Map<String, String> problemByOrder) {
        var byProblem = new TreeMap<String, List<String>>();
        problemByOrder.forEach((order, problem) ->
                byProblem.computeIfAbsent(problem, any -> new ArrayList<>()).add(order));
        var problems = new ArrayList<String>();
        byProblem.forEach((problem, orders) ->
                problems.add(String.format("%,d orders %s (e.g. %s)", orders.size(), problem, orders.get(0))));
        return problems;
    }

    private boolean anyPlaced() {
        return ShopClient.timed(admin.orders())
                        .listOrders(ListOrdersRequest.newBuilder()
                                .setPageSize(1)
                                .setStatus(OrderStatus.ORDER_STATUS_PLACED)
                                .build())
                        .getOrdersCount()
                > 0;
    }

    /** One pass over the pending orders: each one that is finished leaves {@code pending}. */
    private void readAll(
            Map<String, UUID> pending, Map<String, TimeToConfirm.Stamps> stamps, Map<String, String> problems)
            throws InterruptedException {
        var permits = new Semaphore(READERS);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var entry : List.copyOf(pending.entrySet())) {
                permits.acquire();
                executor.execute(() -> {
                    try {
                        read(entry.getKey(), entry.getValue(), pending, stamps, problems);
                    } finally {
                        permits.release();
                    }
                });
            }
        }
    }

    private void read(
            String orderId,
            UUID buyer,
            Map<String, UUID> pending,
            Map<String, TimeToConfirm.Stamps> stamps,
            Map<String, String> problems) {
        Order order;
        try {
            order = ShopClient.timed(admin.orders())
                    .getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build())
                    .getOrder();
        } catch (StatusRuntimeException notYet) {
            if (notYet.getStatus().getCode() != Status.Code.NOT_FOUND) {
                problems.put(
                        orderId, "unreadable: GetOrder " + notYet.getStatus().getCode());
                pending.remove(orderId);
            }
            return; // not in the read model yet: read again on the next pass
        }
        switch (order.getStatus()) {
            case ORDER_STATUS_PLACED -> {
                return;
            }
            case ORDER_STATUS_CONFIRMED ->
                stamps.put(
                        orderId, new TimeToConfirm.Stamps(instant(order.getPlacedAt()), instant(order.getUpdatedAt())));
            default -> {
                stamps.put(orderId, new TimeToConfirm.Stamps(instant(order.getPlacedAt()), null));
                problems.put(orderId, "ended " + order.getStatus() + " instead of Confirmed");
            }
        }
        if (!order.getBuyerId().equals(buyer.toString())) {
            problems.put(orderId, "belong to another buyer than the one who placed them");
        }
        pending.remove(orderId);
    }

    private static Instant instant(Timestamp stamp) {
        return Instant.ofEpochSecond(stamp.getSeconds(), stamp.getNanos());
    }
}
