package org.bookworm.ordering.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * What a buyer waits for after PlaceOrder: the time from OrderPlaced to OrderConfirmed of every order placed in an
 * offer, both stamped by the server, and how many checkouts the server confirmed per second while the offer lasted.
 * A saga that confirms more slowly than orders arrive shows twice: fewer confirmations a second than were offered, and
 * a time to confirm that grows with the length of the offer.
 *
 * @param orders orders acknowledged in the offer
 * @param confirmed those the server confirmed (at any time)
 * @param confirmedInWindow those whose OrderConfirmed falls inside the offer's window
 * @param confirmedPerSecond {@code confirmedInWindow} over the window's length
 * @param micros OrderConfirmed minus OrderPlaced of every confirmed order, in microseconds
 */
record TimeToConfirm(long orders, long confirmed, long confirmedInWindow, double confirmedPerSecond, Histogram micros) {

    /** One acknowledged order as the server stamped it; {@code confirmed} is null while it is not confirmed. */
    record Stamps(Instant placed, @Nullable Instant confirmed) {}

    /** The figures of {@code orders}, counting confirmations in {@code [windowStart, windowEnd)}. */
    static TimeToConfirm of(Collection<Stamps> orders, Instant windowStart, Instant windowEnd) {
        if (!windowEnd.isAfter(windowStart)) {
            throw new IllegalArgumentException("a window ends after it starts: " + windowStart + " " + windowEnd);
        }
        var micros = ArrivalSchedule.histogram();
        long confirmed = 0;
        long inWindow = 0;
        for (Stamps order : orders) {
            Instant at = order.confirmed();
            if (at == null) {
                continue;
            }
            confirmed++;
            if (!at.isBefore(windowStart) && at.isBefore(windowEnd)) {
                inWindow++;
            }
            long took = Duration.between(order.placed(), at).toNanos() / 1_000;
            micros.recordValue(Math.clamp(took, 0, ArrivalSchedule.HIGHEST_MICROS));
        }
        double seconds = Duration.between(windowStart, windowEnd).toNanos() / 1e9;
        return new TimeToConfirm(orders.size(), confirmed, inWindow, inWindow / seconds, micros);
    }

    long p50Micros() {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(50);
    }

    long p99Micros() {
        return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(99);
    }

    long maxMicros() {
        return micros.getTotalCount() == 0 ? 0 : micros.getMaxValue();
    }
}
