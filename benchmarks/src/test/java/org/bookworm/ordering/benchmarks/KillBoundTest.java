package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class KillBoundTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
    private final KillBound bound =
            new KillBound(List.of(T0.plusSeconds(30), T0.plusSeconds(60)), Duration.ofSeconds(10));

    @Test
    void an_order_no_kill_touched_is_counted_from_its_placement() {
        assertThat(bound.from(T0.plusSeconds(5), T0.plusSeconds(6))).isEqualTo(T0.plusSeconds(5));
        assertThat(bound.late(Map.of("a", stamps(5, 16)))).containsExactly("a confirmed 11.0 s after its placement");
        assertThat(bound.late(Map.of("a", stamps(5, 15)))).isEmpty();
    }

    @Test
    void an_order_caught_by_a_kill_is_counted_from_the_kill() {
        assertThat(bound.from(T0.plusSeconds(28), T0.plusSeconds(39))).isEqualTo(T0.plusSeconds(30));
        assertThat(bound.late(Map.of("b", stamps(28, 39)))).isEmpty();
        assertThat(bound.late(Map.of("b", stamps(28, 41))))
                .containsExactly("b confirmed 11.0 s after its replica's kill at " + T0.plusSeconds(30));
    }

    @Test
    void an_order_placed_after_a_kill_is_counted_from_its_placement() {
        assertThat(bound.from(T0.plusSeconds(35), T0.plusSeconds(46))).isEqualTo(T0.plusSeconds(35));
        assertThat(bound.late(Map.of("c", stamps(35, 46)))).hasSize(1);
    }

    @Test
    void an_order_never_confirmed_breaks_the_bound() {
        var placedOnly = new TimeToConfirm.Stamps(T0, null);

        assertThat(bound.late(Map.of("d", placedOnly))).containsExactly("1 orders never confirmed (e.g. d)");
    }

    @Test
    void a_bound_of_nothing_is_refused() {
        assertThatThrownBy(() -> new KillBound(List.of(), Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static TimeToConfirm.Stamps stamps(long placed, long confirmed) {
        return new TimeToConfirm.Stamps(T0.plusSeconds(placed), T0.plusSeconds(confirmed));
    }
}
