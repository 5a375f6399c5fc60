package org.bookworm.ordering.cli.telemetry;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One sample of what waits in the store, read by the gauges between two samples. */
record StoreSample(
        Map<String, Subscription> subscriptions,
        boolean heldBack,
        double oldestWriterAge,
        long pendingEmails,
        double oldestPendingAge,
        long deadlinesDue) {
    StoreSample {
        subscriptions = Map.copyOf(subscriptions);
    }

    /** Before the first sample: not a number, so nothing looks healthy that was not measured. */
    static StoreSample empty(List<String> names) {
        return new StoreSample(
                names.stream().collect(Collectors.toMap(Function.identity(), name -> Subscription.UNKNOWN)),
                false,
                Double.NaN,
                0,
                Double.NaN,
                0);
    }

    Subscription of(String name) {
        return subscriptions.getOrDefault(name, Subscription.UNKNOWN);
    }

    /** A subscription's checkpoint, the events after it, the age of the first of them, and its held lanes. */
    record Subscription(double position, double unread, double lagSeconds, double retrying, double parked) {
        static final Subscription UNKNOWN =
                new Subscription(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
