package org.bookworm.ordering.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How the open-loop checkout search runs in each mode, and the overrides of {@code --rates} and
 * {@code --rate-duration} and {@code --warmup}. Quick mode (CI) offers one low rate for a short window: it proves the
 * path and the audit, its figures are noise, so it has no warm-up. Full mode warms the server up for
 * {@link #FULL_WARMUP} at the lowest rate, then steps from 100/s up by 100/s, 60 s per rate, until a rate is not
 * sustained.
 *
 * <p>Why two minutes: a server measured after ten seconds is a server still being compiled. In a JFR recording of
 * {@code ordering serve} under the checkout at 80/s (2026-12-06, docs/benchmarks.md), the C2 compiler thread took 10 to
 * 20 % of the two-core machine through the whole first 80 s, and the same build that sustained 80/s at best after a
 * ten-second warm-up sustained 200/s once the earlier rates had warmed it. A shop's server runs for days; its first
 * minute is not what its buyers feel.
 *
 * @param rates offered checkouts per second, tried in ascending order
 * @param window how long each rate is offered
 * @param warmup an offer at the lowest rate before the first, not reported (the JIT, the pools, the caches); none
 *     when zero (quick mode, whose figures are noise anyway)
 * @param settle the longest wait after an offer for the saga to confirm its orders and free the baskets
 */
record CheckoutPlan(List<Double> rates, Duration window, Duration warmup, Duration settle) {
    /** Full mode's warm-up at the lowest rate before the first measured one (see the class comment). */
    static final Duration FULL_WARMUP = Duration.ofMinutes(2);

    /** A buyer comes back at most every this many seconds: the pool holds rate × this many buyers. */
    static final int REUSE_SECONDS = 5;

    private static final int FEWEST_BUYERS = 20;

    CheckoutPlan {
        rates = List.copyOf(rates);
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("the search needs at least one rate");
        }
    }

    /** The mode's plan with the command line's overrides; {@code warmup} may be {@code 0} (none). */
    static CheckoutPlan of(Mode mode, @Nullable String rates, @Nullable String window, @Nullable String warmup) {
        CheckoutPlan defaults = switch (mode.name()) {
            case "quick" ->
                new CheckoutPlan(List.of(20.0), Duration.ofSeconds(8), Duration.ZERO, Duration.ofSeconds(60));
            case "full" ->
                new CheckoutPlan(
                        RateSearch.parse("100:2000:100"), Duration.ofSeconds(60), FULL_WARMUP, Duration.ofSeconds(180));
            default -> throw new IllegalArgumentException("no checkout settings for mode " + mode.name());
        };
        return new CheckoutPlan(
                rates == null ? defaults.rates() : RateSearch.parse(rates),
                window == null ? defaults.window() : duration(window),
                warmup == null ? defaults.warmup() : warmup(warmup),
                defaults.settle());
    }

    /** The command line's {@code --warmup}: {@code 0} for none, else a {@link #duration}. */
    static Duration warmup(String text) {
        return text.trim().equals("0") ? Duration.ZERO : duration(text);
    }

    /** The pool for {@code rate}: enough buyers that each comes back at most every {@value #REUSE_SECONDS} s. */
    static int buyersFor(double rate) {
        return Math.max(FEWEST_BUYERS, (int) Math.ceil(rate * REUSE_SECONDS));
    }

    /** {@code 60s}, {@code 2m} or plain seconds ({@code 60}). */
    static Duration duration(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        Duration parsed;
        if (trimmed.endsWith("ms")) {
            parsed = Duration.ofMillis(Long.parseLong(trimmed.substring(0, trimmed.length() - 2)));
        } else if (trimmed.endsWith("s")) {
            parsed = Duration.ofSeconds(Long.parseLong(trimmed.substring(0, trimmed.length() - 1)));
        } else if (trimmed.endsWith("m")) {
            parsed = Duration.ofMinutes(Long.parseLong(trimmed.substring(0, trimmed.length() - 1)));
        } else {
            parsed = Duration.ofSeconds(Long.parseLong(trimmed));
        }
        if (parsed.isNegative() || parsed.isZero()) {
            throw new IllegalArgumentException("a duration is positive, not " + text);
        }
        return parsed;
    }
}
