package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bookworm.ordering.benchmarks.TimeToConfirm.Stamps;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The buyer's wait after PlaceOrder, from the server's stamps: every order counts, not a sample. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class TimeToConfirmTest {
    private static final Instant START = Instant.parse("2026-12-06T05:00:00Z");
    private static final Instant END = START.plusSeconds(10);

    @Test
    void time_to_confirm_is_confirmed_minus_placed_for_every_confirmed_order() {
        var orders = new ArrayList<Stamps>();
        for (int i = 1; i <= 100; i++) {
            Instant placed = START.plusMillis(50L * i);
            orders.add(new Stamps(placed, placed.plusMillis(i))); // 1 ms to 100 ms
        }

        var confirm = TimeToConfirm.of(orders, START, END);

        assertThat(confirm.orders()).isEqualTo(100);
        assertThat(confirm.confirmed()).isEqualTo(100);
        assertThat(confirm.p50Micros()).isBetween(49_900L, 50_100L);
        assertThat(confirm.p99Micros()).isBetween(98_900L, 99_100L);
        assertThat(confirm.maxMicros()).isBetween(99_900L, 100_100L);
    }

    @Test
    void confirmations_per_second_count_only_those_inside_the_window() {
        var orders = List.of(
                new Stamps(START.minusMillis(500), START.minusMillis(1)), // before the window: not counted
                new Stamps(START, START), // at its start: counted
                new Stamps(START.plusSeconds(5), START.plusSeconds(6)),
                new Stamps(START.plusSeconds(9), END.minusNanos(1_000)), // just inside
                new Stamps(START.plusSeconds(9), END), // at its end: after it
                new Stamps(START.plusSeconds(9), null)); // never confirmed

        var confirm = TimeToConfirm.of(orders, START, END);

        assertThat(confirm.confirmedInWindow()).isEqualTo(3);
        assertThat(confirm.confirmedPerSecond()).isEqualTo(0.3);
        assertThat(confirm.confirmed()).isEqualTo(5);
        assertThat(confirm.orders()).isEqualTo(6);
    }

    @Test
    void a_backlog_that_grows_shows_in_the_time_to_confirm_and_in_the_rate() {
        // 100 orders a second for 10 s, confirmed at 50 a second in placing order: the last waits about 10 s
        var orders = new ArrayList<Stamps>();
        for (int i = 0; i < 1_000; i++) {
            orders.add(new Stamps(START.plusMillis(10L * i), START.plusMillis(20L * (i + 1))));
        }

        var confirm = TimeToConfirm.of(orders, START, END);

        assertThat(confirm.confirmedPerSecond()).isEqualTo(49.9);
        assertThat(confirm.maxMicros() / 1_000).isBetween(9_990L, 10_020L);
        assertThat(confirm.p99Micros() / 1_000).isGreaterThan(9_800L);
    }

    @Test
    void an_order_stamped_confirmed_before_placed_counts_as_no_wait_and_an_empty_offer_has_zeros() {
        var confirm = TimeToConfirm.of(List.of(new Stamps(START.plusMillis(5), START)), START, END);
        assertThat(confirm.maxMicros()).isZero();

        var none = TimeToConfirm.of(List.of(), START, END);
        assertThat(none.p99Micros()).isZero();
        assertThat(none.confirmedPerSecond()).isZero();
    }

    @Test
    void a_window_must_end_after_it_starts() {
        assertThatThrownBy(() -> TimeToConfirm.of(List.of(), END, START)).isInstanceOf(IllegalArgumentException.class);
    }
}
