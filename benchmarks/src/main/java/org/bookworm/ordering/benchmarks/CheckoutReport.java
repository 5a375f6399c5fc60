package org.bookworm.ordering.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/** The markdown of the open-loop checkout search: one row per offered rate, the highest sustained, the audit. */
final class CheckoutReport {
    private final CheckoutPlan plan;
    private final List<RateSearch.Tried<Measured>> tried = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private @Nullable Double highest;
    private boolean searched;

    /** One offered rate: the offer, the confirmations read afterwards and the problems found in them. */
    record Measured(CheckoutStep step, TimeToConfirm confirm, List<String> problems) {
        RateSearch.Verdict verdict() {
            return RateSearch.judge(
                    step.schedule().perSecond(),
                    confirm.confirmedPerSecond(),
                    confirm.p99Micros(),
                    step.errorCount(),
                    problems.size());
        }
    }

    CheckoutReport(CheckoutPlan plan) {
        this.plan = plan;
    }

    void searched(RateSearch.Outcome<Measured> outcome) {
        tried.addAll(outcome.tried());
        highest = outcome.highestSustained();
        searched = true;
    }

    void note(String note) {
        notes.add(note);
    }

    static String line(Measured measured) {
        return String.format(Locale.ROOT, "checkout open loop | %s", String.join(" | ", cells(measured)));
    }

    String render() {
        var text = new StringBuilder(String.format(
                Locale.ROOT,
                "%n### Checkout, open loop (`ordering serve` as a child process; %s s per rate, buyers reused every"
                        + " %d s at most)%n%n",
                plan.window().toSeconds(),
                CheckoutPlan.REUSE_SECONDS));
        text.append(
                        "| Offered/s | Arrivals | PlaceOrder acknowledged/s | PlaceOrder p50 / p99 ms from the turn's"
                                + " intended start (AddItem included) | PlaceOrder service time p50 / p99 ms | Checkouts"
                                + " confirmed/s in the window (server clock) | Time to confirm p50 / p99 / max ms, every order |"
                                + " Held turns (buyer busy / basket held) | Shed / unavailable calls (retried) | Errors | Verdict |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (var rate : tried) {
            text.append("| ")
                    .append(String.join(" | ", cells(rate.result())))
                    .append(" | ")
                    .append(rate.verdict().why())
                    .append(" |\n");
        }
        if (searched) {
            text.append(
                    highest == null
                            ? "\nHighest sustained rate: none of the rates tried.\n"
                            : String.format(
                                    Locale.ROOT,
                                    "%nHighest sustained rate: **%,.0f checkouts/s** (time to confirm p99 ≤ 1 s, ≥ 95 %%"
                                            + " of the offer confirmed per second, no errors)%s.%n",
                                    highest,
                                    highest.equals(plan.rates().getLast())
                                            ? "; it is the highest rate tried, so the limit may lie above it"
                                            : ""));
        }
        notes.forEach(note -> text.append('\n').append(note).append('\n'));
        return text.toString();
    }

    private static List<String> cells(Measured measured) {
        var step = measured.step();
        var confirm = measured.confirm();
        return List.of(
                String.format(Locale.ROOT, "%,.0f", step.schedule().perSecond()),
                String.format(Locale.ROOT, "%,d", step.arrivals()),
                String.format(Locale.ROOT, "%,.1f", step.acknowledgedPerSecond()),
                String.format(Locale.ROOT, "%.1f / %.1f", millis(step.turn(), 50), millis(step.turn(), 99)),
                String.format(Locale.ROOT, "%.1f / %.1f", millis(step.placeOrder(), 50), millis(step.placeOrder(), 99)),
                String.format(Locale.ROOT, "%,.1f", confirm.confirmedPerSecond()),
                String.format(
                        Locale.ROOT,
                        "%,.0f / %,.0f / %,.0f",
                        confirm.p50Micros() / 1e3,
                        confirm.p99Micros() / 1e3,
                        confirm.maxMicros() / 1e3),
                String.format(Locale.ROOT, "%,d (%,d / %,d)", step.held(), step.busy(), step.basketHeld()),
                String.format(Locale.ROOT, "%,d / %,d", step.shed(), step.unavailable()),
                String.format(Locale.ROOT, "%,d", step.errorCount()));
    }

    private static double millis(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1e3;
    }
}
