package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The checkout search's settings: quick mode stays short, full mode searches, the command line overrides both. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class CheckoutPlanTest {

    @Test
    void quick_mode_offers_one_low_rate_briefly_without_a_warm_up() {
        var quick = CheckoutPlan.of(Mode.QUICK, null, null, null);

        assertThat(quick.rates()).containsExactly(20.0);
        assertThat(quick.window()).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(quick.warmup()).isZero();
    }

    @Test
    void full_mode_steps_by_100_a_second_for_60_seconds_each() {
        var full = CheckoutPlan.of(Mode.FULL, null, null, null);

        assertThat(full.rates()).startsWith(100.0, 200.0, 300.0).endsWith(2_000.0);
        assertThat(full.window()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void full_mode_warms_the_server_up_for_two_minutes_unless_told_otherwise() {
        assertThat(CheckoutPlan.of(Mode.FULL, null, null, null).warmup()).isEqualTo(Duration.ofMinutes(2));
        assertThat(CheckoutPlan.of(Mode.FULL, null, null, "30s").warmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(CheckoutPlan.of(Mode.FULL, null, null, "0").warmup()).isZero();
        assertThatThrownBy(() -> CheckoutPlan.of(Mode.FULL, null, null, "-5s"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rates_and_the_window_come_from_the_command_line_when_given() {
        var plan = CheckoutPlan.of(Mode.FULL, "50", "20s", null);

        assertThat(plan.rates()).containsExactly(50.0);
        assertThat(plan.window()).isEqualTo(Duration.ofSeconds(20));
        assertThat(CheckoutPlan.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(CheckoutPlan.duration("1500ms")).isEqualTo(Duration.ofMillis(1_500));
        assertThat(CheckoutPlan.duration("45")).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> CheckoutPlan.duration("0s")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_pool_lets_each_buyer_come_back_every_five_seconds_at_most() {
        assertThat(CheckoutPlan.buyersFor(100)).isEqualTo(500);
        assertThat(CheckoutPlan.buyersFor(0.5)).isEqualTo(20);
    }
}
