package org.bookworm.ordering.benchmarks;

import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListOrdersRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderStatus;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderSummary;
import org.bookworm.ordering.benchmarks.ShopClient.Buyer;

/**
 * After the load, checks the ledger of acknowledged orders against what the server itself says, over its public API
 * as an admin: waits (bounded) until the read model lists every order and the checkout saga has taken each out of
 * Placed, then requires every acknowledged order to be listed once, for its buyer, Confirmed (the load pays with an
 * approving token and the stock is ample, so a Failed order is a finding), and no order nobody was told about.
 *
 * <p>It also reports how long checkout takes to confirm: for a sample of confirmed orders, the order's last update
 * (its OrderConfirmed) minus its placement, both stamped by the server, so the figure has no polling in it. It
 * includes any queue the saga had under load.
 */
final class OrderAudit {
    private static final int PAGE = 100;

    private final Buyer admin;

    /** What the audit saw: every order by status, confirmation times (µs) of a sample, problems. */
    record Findings(
            long acknowledged, Map<OrderStatus, Long> byStatus, Histogram confirmMicros, List<String> problems) {}

    OrderAudit(Buyer admin) {
        this.admin = admin;
    }

    /**
     * How a wait for the saga went: the orders still in checkout (or not yet in the read model) when it began, the
     * seconds until none was (or the timeout), and every order as then listed.
     */
    record Settled(long backlog, double seconds, Map<String, OrderSummary> listed) {
        double perSecond() {
            return backlog / Math.max(0.001, seconds);
        }
    }

    /** Waits, bounded, until the read model lists every order of the ledger and none is still Placed. */
    Settled settle(Map<String, UUID> ledger, Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long backlog = ledger.size()
                - list(OrderStatus.ORDER_STATUS_UNSPECIFIED, Integer.MAX_VALUE).values().stream()
                        .filter(order -> order.getStatus() != OrderStatus.ORDER_STATUS_PLACED)
                        .count();
        while (true) {
            if (list(OrderStatus.ORDER_STATUS_PLACED, 1).isEmpty() || System.nanoTime() > deadline) {
                var listed = list(OrderStatus.ORDER_STATUS_UNSPECIFIED, Integer.MAX_VALUE);
                if (listed.keySet().containsAll(ledger.keySet()) || System.nanoTime() > deadline) {
                    return new Settled(backlog, (System.nanoTime() - start) / 1e9, listed);
                }
            }
            Thread.sleep(250);
        }
    }

    Findings check(Map<String, UUID> ledger, Duration settleTimeout, int sample) throws InterruptedException {
        Settled settled = settle(ledger, settleTimeout);
        var listed = settled.listed();
        var problems = new ArrayList<String>();
        var byStatus = new EnumMap<OrderStatus, Long>(OrderStatus.class);
        listed.values().forEach(order -> byStatus.merge(order.getStatus(), 1L, Long::sum));
        compare(ledger, listed, problems);
        long unconfirmed = listed.size() - byStatus.getOrDefault(OrderStatus.ORDER_STATUS_CONFIRMED, 0L);
        if (unconfirmed > 0) {
            problems.add(String.format(
                    "%,d of %,d orders are not Confirmed %.0f s after the load (by status: %s)",
                    unconfirmed, listed.size(), settled.seconds(), byStatus));
        }
        return new Findings(ledger.size(), byStatus, confirmTimes(listed, sample), problems);
    }

    /** Every acknowledged order listed, for its buyer, and no order that nobody acknowledged; else a problem each. */
    static void compare(Map<String, UUID> ledger, Map<String, OrderSummary> listed, List<String> problems) {
        var missing = new ArrayList<String>();
        var wrongBuyer = new ArrayList<String>();
        ledger.forEach((order, buyer) -> {
            OrderSummary summary = listed.get(order);
            if (summary == null) {
                missing.add(order);
            } else if (!summary.getBuyerId().equals(buyer.toString())) {
                wrongBuyer.add(order);
            }
        });
        var phantoms = listed.keySet().stream()
                .filter(order -> !ledger.containsKey(order))
                .toList();
        report(problems, missing, "acknowledged orders are not listed by the server");
        report(problems, wrongBuyer, "orders are listed under another buyer than the one who placed them");
        report(problems, phantoms, "orders exist that no PlaceOrder acknowledged");
    }

    private static void report(List<String> problems, List<String> orders, String what) {
        if (!orders.isEmpty()) {
            problems.add(String.format("%,d %s (e.g. %s)", orders.size(), what, orders.get(0)));
        }
    }

    /** Up to {@code limit} orders of {@code status} (UNSPECIFIED: all), page by page; a repeated id fails. */
    private Map<String, OrderSummary> list(OrderStatus status, int limit) {
        var orders = new HashMap<String, OrderSummary>();
        String page = "";
        do {
            var reply = ShopClient.timed(admin.orders())
                    .listOrders(ListOrdersRequest.newBuilder()
                            .setPageSize(PAGE)
                            .setPageToken(page)
                            .setStatus(status)
                            .build());
            for (OrderSummary order : reply.getOrdersList()) {
                if (orders.put(order.getOrderId(), order) != null) {
                    throw new IllegalStateException("ListOrders returned order " + order.getOrderId() + " twice");
                }
            }
            page = reply.getNextPageToken();
        } while (!page.isEmpty() && orders.size() < limit);
        return orders;
    }

    /** Confirmed minus placed, by the server's clock, for up to {@code sample} orders spread over the whole run. */
    private Histogram confirmTimes(Map<String, OrderSummary> listed, int sample) {
        var confirmed = listed.values().stream()
                .filter(order -> order.getStatus() == OrderStatus.ORDER_STATUS_CONFIRMED)
                .sorted((left, right) -> compare(left.getPlacedAt(), right.getPlacedAt()))
                .toList();
        var micros = Measure.histogram();
        int step = Math.max(1, confirmed.size() / Math.max(1, sample));
        for (int i = 0; i < confirmed.size(); i += step) {
            var order = ShopClient.timed(admin.orders())
                    .getOrder(GetOrderRequest.newBuilder()
                            .setOrderId(confirmed.get(i).getOrderId())
                            .build())
                    .getOrder();
            long took = between(order.getPlacedAt(), order.getUpdatedAt()).toNanos() / 1_000;
            micros.recordValue(Math.clamp(took, 0, micros.getHighestTrackableValue()));
        }
        return micros;
    }

    private static int compare(Timestamp left, Timestamp right) {
        return left.getSeconds() != right.getSeconds()
                ? Long.compare(left.getSeconds(), right.getSeconds())
                : Integer.compare(left.getNanos(), right.getNanos());
    }

    private static Duration between(Timestamp from, Timestamp to) {
        return Duration.ofSeconds(to.getSeconds() - from.getSeconds(), to.getNanos() - from.getNanos());
    }
}
