package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The open loop's schedule and its latency from the intended start. The stall is simulated on a made-up clock (no
 * sleeping, no timing): a server that answers one call at a time and stops for half a second once.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ArrivalScheduleTest {
    private static final long MILLI = 1_000_000;

    @Test
    void arrivals_are_evenly_spaced_at_the_offered_rate_from_the_origin() {
        var schedule = new ArrivalSchedule(200, Duration.ofSeconds(1));

        assertThat(schedule.arrivals()).isEqualTo(200);
        assertThat(schedule.intendedOffsetNanos(0)).isZero();
        assertThat(schedule.intendedOffsetNanos(1)).isEqualTo(5 * MILLI);
        assertThat(schedule.intendedOffsetNanos(199)).isEqualTo(995 * MILLI);
    }

    @Test
    void a_rate_that_does_not_divide_a_second_keeps_its_arrivals_inside_the_window() {
        var schedule = new ArrivalSchedule(3, Duration.ofSeconds(2));

        assertThat(schedule.arrivals()).isEqualTo(6);
        assertThat(schedule.intendedOffsetNanos(1)).isEqualTo(333_333_333L);
        assertThat(schedule.intendedOffsetNanos(5)).isEqualTo(1_666_666_667L).isLessThan(2_000 * MILLI);
        assertThat(new ArrivalSchedule(2.5, Duration.ofSeconds(1)).arrivals()).isEqualTo(3);
    }

    @Test
    void a_rate_or_a_length_that_is_not_positive_is_refused() {
        assertThatThrownBy(() -> new ArrivalSchedule(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArrivalSchedule(Double.NaN, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArrivalSchedule(10, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void latency_runs_from_the_intended_start_not_from_the_sending() {
        assertThat(ArrivalSchedule.fromIntendedStart(10 * MILLI, 35 * MILLI)).isEqualTo(25_000);
        assertThat(ArrivalSchedule.fromIntendedStart(10 * MILLI, 9 * MILLI)).isZero();
        assertThat(ArrivalSchedule.fromIntendedStart(0, Duration.ofHours(5).toNanos()))
                .isEqualTo(ArrivalSchedule.HIGHEST_MICROS);
    }

    @Test
    void a_stall_shows_in_every_arrival_that_was_due_during_it_not_in_one_sample() {
        // 100 arrivals a second for 2 s; the server answers in 1 ms, one call at a time, except arrival 50: 500 ms
        var schedule = new ArrivalSchedule(100, Duration.ofSeconds(2));
        var fromIntended = ArrivalSchedule.histogram();
        var fromSending = ArrivalSchedule.histogram();
        long free = 0;
        for (long arrival = 0; arrival < schedule.arrivals(); arrival++) {
            long intended = schedule.intendedOffsetNanos(arrival);
            long sent = Math.max(intended, free);
            long answered = sent + (arrival == 50 ? 500 : 1) * MILLI;
            free = answered;
            fromIntended.recordValue(ArrivalSchedule.fromIntendedStart(intended, answered));
            fromSending.recordValue(ArrivalSchedule.fromIntendedStart(sent, answered));
        }

        // the stalled call, the 49 arrivals due during it and 5 more queued behind them while the backlog drained
        // (9 ms a turn): over a quarter of all, so even p75 sees it
        assertThat(countAtLeast(fromIntended, 10)).isEqualTo(55);
        assertThat(fromIntended.getValueAtPercentile(75) / 1_000).isGreaterThanOrEqualTo(10);
        assertThat(fromIntended.getMaxValue() / 1_000).isBetween(500L, 501L);
        // timed from the sending, the stall is one sample and p99 looks healthy: coordinated omission
        assertThat(countAtLeast(fromSending, 10)).isEqualTo(1);
        assertThat(fromSending.getValueAtPercentile(99) / 1_000).isLessThan(2);
    }

    private static long countAtLeast(Histogram micros, long millis) {
        return micros.getCountBetweenValues(millis * 1_000, micros.getHighestTrackableValue());
    }
}
