package org.bookworm.ordering.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.bookworm.ordering.benchmarks.BasketLoad.Operation;
import org.jspecify.annotations.Nullable;

/**
 * The markdown of the two workloads that are not per-subject comparisons (Axon and the raw floor have no server and
 * no baskets): PlaceOrder over gRPC with the saga's settling after each run and the final audit, and basket
 * operations on Redis, each in a table of its own: per client count a median row over rounds, then every round.
 */
final class ShopReport {
    private final List<Run> orders = new ArrayList<>();
    private final List<BasketLoad.Outcome> baskets = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private OrderAudit.@Nullable Findings audit;

    /** A PlaceOrder run and the wait for the saga that followed it. */
    record Run(PlaceOrderLoad.Outcome load, OrderAudit.Settled settled) {}

    void add(Run run) {
        orders.add(run);
    }

    void add(BasketLoad.Outcome outcome) {
        baskets.add(outcome);
    }

    void audit(OrderAudit.Findings findings) {
        this.audit = findings;
    }

    /** A line printed under the tables (an unexpected error, say). */
    void note(String note) {
        notes.add(note);
    }

    static String line(Run run) {
        var load = run.load();
        return String.format(
                Locale.ROOT,
                "PlaceOrder over gRPC, %d clients | %,.0f orders/s | PlaceOrder p50 %.2f p99 %.2f ms | AddItem p50 %.2f"
                        + " p99 %.2f ms | %,d orders, %,d skipped (basket held), %.1f s | saga: %,d left, settled in"
                        + " %.1f s",
                load.clients(),
                load.ordersPerSecond(),
                millis(load.placeOrder(), 50),
                millis(load.placeOrder(), 99),
                millis(load.addItem(), 50),
                millis(load.addItem(), 99),
                load.orders(),
                load.held(),
                load.seconds(),
                run.settled().backlog(),
                run.settled().seconds());
    }

    static String line(BasketLoad.Outcome outcome) {
        return String.format(
                Locale.ROOT,
                "Redis baskets, %d clients | %,.0f ops/s | %s",
                outcome.clients(),
                outcome.operationsPerSecond(),
                percentiles(outcome.micros()));
    }

    String render() {
        var text = new StringBuilder();
        if (!orders.isEmpty()) {
            text.append("\n### PlaceOrder over gRPC, end to end (`ordering serve` as a child process)\n\n")
                    .append("| Clients | Round | Orders/s | PlaceOrder p50 / p99 ms | AddItem p50 / p99 ms | Orders"
                            + " | Skipped, basket held | Still in checkout at the end | Saga settled them in |\n")
                    .append("|---|---|---|---|---|---|---|---|---|\n");
            byClients(orders, run -> run.load().clients()).forEach((clients, runs) -> {
                text.append(String.format(
                        Locale.ROOT,
                        "| %d | median | %,.0f | %.2f / %.2f | %.2f / %.2f | | | | %,.0f orders/s |%n",
                        clients,
                        median(runs, run -> run.load().ordersPerSecond()),
                        median(runs, run -> millis(run.load().placeOrder(), 50)),
                        median(runs, run -> millis(run.load().placeOrder(), 99)),
                        median(runs, run -> millis(run.load().addItem(), 50)),
                        median(runs, run -> millis(run.load().addItem(), 99)),
                        median(runs, run -> run.settled().perSecond())));
                for (int i = 0; i < runs.size(); i++) {
                    var load = runs.get(i).load();
                    var settled = runs.get(i).settled();
                    text.append(String.format(
                            Locale.ROOT,
                            "| %d | %d | %,.0f | %.2f / %.2f | %.2f / %.2f | %,d | %,d | %,d | %.1f s (%,.0f/s) |%n",
                            clients,
                            i + 1,
                            load.ordersPerSecond(),
                            millis(load.placeOrder(), 50),
                            millis(load.placeOrder(), 99),
                            millis(load.addItem(), 50),
                            millis(load.addItem(), 99),
                            load.orders(),
                            load.held(),
                            settled.backlog(),
                            settled.seconds(),
                            settled.perSecond()));
                }
            });
        }
        if (audit != null) {
            Histogram confirm = audit.confirmMicros();
            text.append("\n| Audit of every acknowledged order (warm-up included) | Value |\n|---|---|\n")
                    .append(String.format(Locale.ROOT, "| acknowledged | %,d |%n", audit.acknowledged()))
                    .append(String.format(Locale.ROOT, "| listed by the server, by status | %s |%n", audit.byStatus()))
                    .append(String.format(
                            Locale.ROOT,
                            "| time to confirm (OrderConfirmed minus OrderPlaced, server clock), sample of %,d |"
                                    + " p50 %.0f ms, p99 %.0f ms, max %.0f ms |%n",
                            confirm.getTotalCount(),
                            millis(confirm, 50),
                            millis(confirm, 99),
                            confirm.getMaxValue() / 1e3))
                    .append(String.format(
                            Locale.ROOT,
                            "| problems | %s |%n",
                            audit.problems().isEmpty() ? "none" : String.join("; ", audit.problems())));
        }
        if (!baskets.isEmpty()) {
            text.append(
                            "\n### Basket operations on Redis (adapters-redis; cycle: add, replace, get, remove, delete)\n\n")
                    .append("| Clients | Round | Ops/s | p50 / p99 ms per operation |\n|---|---|---|---|\n");
            byClients(baskets, BasketLoad.Outcome::clients).forEach((clients, runs) -> {
                for (int i = 0; i < runs.size(); i++) {
                    text.append(String.format(
                            Locale.ROOT,
                            "| %d | %d | %,.0f | %s |%n",
                            clients,
                            i + 1,
                            runs.get(i).operationsPerSecond(),
                            percentiles(runs.get(i).micros())));
                }
            });
        }
        notes.forEach(note -> text.append("\n").append(note).append("\n"));
        return text.toString();
    }

    private static String percentiles(Map<Operation, Histogram> micros) {
        return micros.entrySet().stream()
                .map(entry -> String.format(
                        Locale.ROOT,
                        "%s %.2f / %.2f",
                        entry.getKey().title,
                        millis(entry.getValue(), 50),
                        millis(entry.getValue(), 99)))
                .collect(Collectors.joining("; "));
    }

    private static <T> Map<Integer, List<T>> byClients(List<T> runs, ToIntFunction<T> clients) {
        var grouped = new TreeMap<Integer, List<T>>();
        runs.forEach(run -> grouped.computeIfAbsent(clients.applyAsInt(run), any -> new ArrayList<>())
                .add(run));
        return grouped;
    }

    private static <T> double median(List<T> runs, ToDoubleFunction<T> value) {
        var sorted = runs.stream().mapToDouble(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1_000.0;
    }
}
