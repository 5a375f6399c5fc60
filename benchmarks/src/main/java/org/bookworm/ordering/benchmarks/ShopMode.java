package org.bookworm.ordering.benchmarks;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How long and how big the PlaceOrder-over-gRPC and Redis basket workloads run in each mode. Quick mode (CI) keeps
 * both near half a minute, server start, buyer set-up and the saga's settling included: with 64 buyers each run
 * places at most 64 orders, enough to exercise every path and the audit, too few for figures. Full mode makes the
 * published tables.
 *
 * @param warmup how long the server is loaded before the measured rounds, in runs of at most {@code measure} at the
 *     first client count with the saga settled after each (full mode: {@link CheckoutPlan#FULL_WARMUP}, as the
 *     checkout's: after a warm-up of 5 s the rounds climbed from 135 to 273 orders/s at 16 clients, after two minutes
 *     they were 241, 259 and 249, docs/benchmarks.md); {@code --warmup} overrides it
 * @param buyers buyers shared out among the clients (a multiple of every client count); each orders at most once per
 *     run, so this also bounds a run's orders
 * @param settle how long to wait after a run for the read model and the saga to finish every order
 * @param confirmSample how many confirmed orders the audit reads for the time-to-confirm figure
 * @param basketWarmup the basket workload's warm-up (the driver's own Redis adapter: no server to warm)
 */
record ShopMode(
        int rounds,
        Duration warmup,
        Duration measure,
        List<Integer> clients,
        int buyers,
        Duration settle,
        int confirmSample,
        Duration basketWarmup,
        Duration basketMeasure,
        long maxBasketCyclesPerClient) {

    static ShopMode of(Mode mode) {
        return switch (mode.name()) {
            case "quick" ->
                new ShopMode(
                        1,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(3),
                        List.of(16, 64),
                        64,
                        Duration.ofSeconds(60),
                        100,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        100_000);
            case "full" ->
                new ShopMode(
                        3,
                        CheckoutPlan.FULL_WARMUP,
                        Duration.ofSeconds(10),
                        List.of(16, 64),
                        4_096,
                        Duration.ofSeconds(180),
                        1_000,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(8),
                        1_000_000);
            default -> throw new IllegalArgumentException("no shop settings for mode " + mode.name());
        };
    }

    /**
     * The settings of {@code mode} with the command line's {@code --warmup} and {@code --rounds} where given (null
     * where not): before, {@code --rounds} reached only the event-store workloads, and PlaceOrder ran its three.
     */
    static ShopMode asked(Mode mode, @Nullable String warmup, @Nullable Integer rounds) {
        ShopMode asked = of(mode);
        if (warmup != null) {
            asked = asked.withWarmup(CheckoutPlan.warmup(warmup));
        }
        return rounds == null ? asked : asked.withRounds(rounds);
    }

    /** The same settings with another number of rounds per client count ({@code --rounds}). */
    ShopMode withRounds(int newRounds) {
        if (newRounds < 1) {
            throw new IllegalArgumentException("--rounds is at least 1");
        }
        return with(newRounds, warmup);
    }

    /** The same settings with another warm-up ({@code --warmup}; zero for none). */
    ShopMode withWarmup(Duration newWarmup) {
        return with(rounds, newWarmup);
    }

    private ShopMode with(int newRounds, Duration newWarmup) {
        return new ShopMode(
                newRounds,
                newWarmup,
                measure,
                clients,
                buyers,
                settle,
                confirmSample,
                basketWarmup,
                basketMeasure,
                maxBasketCyclesPerClient);
    }
}
