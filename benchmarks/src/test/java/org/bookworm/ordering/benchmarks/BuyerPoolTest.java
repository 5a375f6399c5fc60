package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The round-robin of buyers: a buyer still busy with a turn cannot take the next one. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class BuyerPoolTest {
    private final BuyerPool<String> pool = new BuyerPool<>(List.of("ada", "bob", "cy"));

    @Test
    void arrivals_go_round_robin_over_the_buyers() {
        assertThat(pool.claim(0)).isEqualTo("ada");
        assertThat(pool.claim(1)).isEqualTo("bob");
        assertThat(pool.claim(2)).isEqualTo("cy");
        pool.release(0);
        assertThat(pool.claim(3)).isEqualTo("ada");
    }

    @Test
    void a_buyer_whose_turn_is_still_under_way_is_held_until_it_ends() {
        assertThat(pool.claim(1)).isEqualTo("bob");

        assertThat(pool.claim(4)).isNull();
        pool.release(1);
        assertThat(pool.claim(7)).isEqualTo("bob");
    }

    @Test
    void only_the_turn_that_holds_a_buyer_can_release_it() {
        assertThat(pool.claim(200)).isEqualTo("cy");

        assertThatThrownBy(() -> pool.release(203)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> pool.release(2)).isInstanceOf(IllegalStateException.class);
        pool.release(200);
        assertThat(pool.claim(203)).isEqualTo("cy");
    }
}
