package org.bookworm.ordering.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kill test's bound on confirmation (issue 15: "every order Confirmed within 10 s of the kill, no partition
 * stalled"): an order placed at P and confirmed at C must have C no later than {@code bound} after the later of P and
 * the last kill before C. An order a kill did not touch so gets {@code bound} from its placement; one caught by a kill,
 * {@code bound} from the kill, which covers the handoff of whatever the dead replica held. An order never confirmed
 * breaks it too.
 *
 * @param kills when each replica was killed (on this machine's clock, which stamps the orders too)
 * @param bound the longest an order may wait
 */
record KillBound(List<Instant> kills, Duration bound) {
    KillBound {
        kills = kills.stream().sorted().toList();
        if (bound.isNegative() || bound.isZero()) {
            throw new IllegalArgumentException("a bound is positive, not " + bound);
        }
    }

    /** What an order was measured from: its placement or the last kill before its confirmation. */
    Instant from(Instant placed, Instant confirmed) {
        Instant from = placed;
        for (Instant kill : kills) {
            if (kill.isBefore(confirmed) && kill.isAfter(from)) {
                from = kill;
            }
        }
        return from;
    }

    /** One line per order that broke the bound (the slowest first), with its wait and what it was counted from. */
    List<String> late(Map<String, TimeToConfirm.Stamps> orders) {
        var late = new TreeMap<Duration, List<String>>((left, right) -> right.compareTo(left));
        var never = new ArrayList<String>();
        orders.forEach((order, stamps) -> {
            if (stamps.confirmed() == null) {
                never.add(order);
                return;
            }
            Instant from = from(stamps.placed(), stamps.confirmed());
            Duration waited = Duration.between(from, stamps.confirmed());
            if (waited.compareTo(bound) > 0) {
                late.computeIfAbsent(waited, any -> new ArrayList<>())
                        .add(order + " confirmed " + seconds(waited) + " after its "
                                + (from.equals(stamps.placed()) ? "placement" : "replica's kill at " + from));
            }
        });
        var problems = new ArrayList<String>();
        if (!never.isEmpty()) {
            problems.add(never.size() + " orders never confirmed (e.g. " + never.get(0) + ")");
        }
        late.values().forEach(problems::addAll);
        return problems;
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
