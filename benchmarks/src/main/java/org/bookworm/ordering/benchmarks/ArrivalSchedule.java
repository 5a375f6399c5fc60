package org.bookworm.ordering.benchmarks;

import java.time.Duration;
import org.HdrHistogram.Histogram;

/**
 * The intended start times of an open-loop offer: arrival {@code i} is due {@code i / perSecond} seconds after the
 * origin, whatever the server did with the arrivals before it. A buyer's latency is measured from that intended start,
 * never from the moment the driver got round to sending the call, so a stall of the server (or of the driver) shows
 * in the latency of every arrival that was due during it instead of in one slow sample: this is how an open loop
 * avoids coordinated omission without HdrHistogram's after-the-fact correction, which guesses the missing samples
 * from a closed loop's expected interval.
 *
 * @param perSecond arrivals offered per second
 * @param length how long the offer lasts: arrivals are due in {@code [0, length)}
 */
record ArrivalSchedule(double perSecond, Duration length) {
    /** Latencies above this (an hour) are recorded as this: a run that slow has failed anyway. */
    static final long HIGHEST_MICROS = Duration.ofHours(1).toNanos() / 1_000;

    ArrivalSchedule {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("an offered rate is a positive number per second, not " + perSecond);
        }
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("an offer lasts a positive time, not " + length);
        }
    }

    /** How many arrivals the offer has: those whose intended start falls inside its length. */
    long arrivals() {
        return (long) Math.ceil(length.toNanos() * perSecond / 1e9);
    }

    /** Nanoseconds from the origin to the intended start of arrival {@code arrival} (from 0). */
    long intendedOffsetNanos(long arrival) {
        if (arrival < 0) {
            throw new IllegalArgumentException("arrivals count from 0, not " + arrival);
        }
        return Math.round(arrival * 1e9 / perSecond);
    }

    /** A histogram of microseconds wide enough for any latency of a run. */
    static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    /**
     * Microseconds from the intended start to the answer ({@link System#nanoTime} values both); an answer cannot come
     * before its intended start, so a negative difference (a clock read out of order) counts as 0.
     */
    static long fromIntendedStart(long intendedNanos, long answeredNanos) {
        return Math.clamp((answeredNanos - intendedNanos) / 1_000, 0, HIGHEST_MICROS);
    }
}
