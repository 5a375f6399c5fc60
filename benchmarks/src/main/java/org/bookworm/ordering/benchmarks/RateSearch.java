package org.bookworm.ordering.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The search for the highest checkout rate the server sustains: offered rates are tried in ascending order, and the
 * search stops at the first one the server does not sustain. A rate is sustained when the time to confirm stays at or
 * under {@link #TIME_TO_CONFIRM_P99} at p99, the server confirms at least {@link #CONFIRMED_SHARE} of the offered rate
 * per second during the offer, no call failed with anything but a shed and every order of the offer was confirmed
 * once.
 */
final class RateSearch {
    static final Duration TIME_TO_CONFIRM_P99 = Duration.ofSeconds(1);
    static final double CONFIRMED_SHARE = 0.95;

    private RateSearch() {}

    /** Whether one offered rate was sustained, and if not, why. */
    record Verdict(boolean sustained, String why) {}

    /** One offered rate of the search, what it measured and the verdict. */
    record Tried<R>(double rate, R result, Verdict verdict) {}

    /** Every rate tried, in order, and the highest sustained (null if none was). */
    record Outcome<R>(List<Tried<R>> tried, @Nullable Double highestSustained) {}

    /** A step of the search: runs the offer at a rate; a step may throw, which ends the search with the exception. */
    @FunctionalInterface
    interface Step<R> {
        R offer(double rate) throws Exception;
    }

    /**
     * The stop rule: {@code errors} are calls that failed with anything but a shed, {@code findings} correctness
     * problems of the offer's orders (lost, doubled, not confirmed); either makes the rate not sustained.
     */
    static Verdict judge(
            double offered, double confirmedPerSecond, long timeToConfirmP99Micros, long errors, long findings) {
        var why = new ArrayList<String>();
        if (timeToConfirmP99Micros > TIME_TO_CONFIRM_P99.toNanos() / 1_000) {
            why.add(String.format(Locale.ROOT, "time to confirm p99 %.2f s > 1 s", timeToConfirmP99Micros / 1e6));
        }
        if (confirmedPerSecond < CONFIRMED_SHARE * offered) {
            why.add(String.format(
                    Locale.ROOT, "confirmed %,.1f/s < 95 %% of %,.1f/s offered", confirmedPerSecond, offered));
        }
        if (errors > 0) {
            why.add(String.format(Locale.ROOT, "%,d calls failed", errors));
        }
        if (findings > 0) {
            why.add(String.format(Locale.ROOT, "%,d correctness findings", findings));
        }
        return why.isEmpty() ? new Verdict(true, "sustained") : new Verdict(false, String.join("; ", why));
    }

    /** Tries {@code rates} in ascending order until one is not sustained. */
    static <R> Outcome<R> search(List<Double> rates, Step<R> step, Function<R, Verdict> judge) throws Exception {
        var tried = new ArrayList<Tried<R>>();
        @Nullable Double highest = null;
        for (double rate : rates.stream().sorted().toList()) {
            R result = step.offer(rate);
            Verdict verdict = judge.apply(result);
            tried.add(new Tried<>(rate, result, verdict));
            if (!verdict.sustained()) {
                break;
            }
            highest = rate;
        }
        return new Outcome<>(List.copyOf(tried), highest);
    }

    /**
     * Offered rates per second from {@code --rates}: a list ({@code 50,100,200}) or a range with a step
     * ({@code 100:1000:100}, both ends included).
     */
    static List<Double> parse(String rates) {
        var parsed = new ArrayList<Double>();
        if (rates.contains(":")) {
            String[] range = rates.split(":");
            if (range.length != 3) {
                throw new IllegalArgumentException("a range of rates is from:to:step, not " + rates);
            }
            double from = positive(range[0]);
            double to = positive(range[1]);
            double step = positive(range[2]);
            for (int i = 0; from + i * step <= to + 1e-9; i++) {
                parsed.add(from + i * step);
            }
        } else {
            for (String rate : rates.split(",")) {
                parsed.add(positive(rate));
            }
        }
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException("no rate in " + rates);
        }
        return parsed.stream().sorted().distinct().toList();
    }

    private static double positive(String text) {
        double value = Double.parseDouble(text.trim());
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("a rate is a positive number per second, not " + text);
        }
        return value;
    }
}
