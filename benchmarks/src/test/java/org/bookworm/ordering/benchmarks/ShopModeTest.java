package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * PlaceOrder's settings: full mode warms the server as the checkout does; the command line overrides the warm-up and
 * the rounds.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ShopModeTest {

    @Test
    void full_mode_warms_the_server_as_long_as_the_checkout_does_before_its_measured_rounds() {
        // a warm-up of seconds measured a server still warming: its rounds climbed from 135 to 273 orders/s
        assertThat(ShopMode.of(Mode.FULL).warmup()).isEqualTo(CheckoutPlan.FULL_WARMUP);
        assertThat(ShopMode.of(Mode.QUICK).warmup()).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void the_command_lines_warmup_replaces_the_servers_warm_up_and_nothing_else() {
        ShopMode full = ShopMode.of(Mode.FULL);
        ShopMode half = full.withWarmup(CheckoutPlan.warmup("30s"));

        assertThat(full.withWarmup(CheckoutPlan.warmup("0")).warmup()).isZero();
        assertThat(half.warmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(half.basketWarmup()).isEqualTo(full.basketWarmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(half.withWarmup(full.warmup())).isEqualTo(full);
    }

    @Test
    void the_command_lines_rounds_reach_placeorder_and_nothing_else_changes() {
        ShopMode full = ShopMode.of(Mode.FULL);
        ShopMode asked = ShopMode.asked(Mode.FULL, "30s", 5);

        assertThat(asked.rounds()).isEqualTo(5);
        assertThat(asked.warmup()).isEqualTo(Duration.ofSeconds(30));
        assertThat(asked.withRounds(full.rounds()).withWarmup(full.warmup())).isEqualTo(full);
        assertThat(ShopMode.asked(Mode.FULL, null, null)).isEqualTo(full);
    }
}
