package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class TailSlowestTest {
    @Test
    void the_slowest_events_come_first_with_their_arrival_index_and_time() {
        long[] delays = {5_000, 1_200_000, 3_000, 50_000, 0};
        long[] arrivals = {1_000_000_000L, 2_500_000_000L, 3_000_000_000L, 4_000_000_000L, 0};

        assertThat(Workloads.slowest(delays, arrivals, 4, 2)).isEqualTo("#1 1200.0 ms at 2.50 s, #3 50.0 ms at 4.00 s");
    }

    @Test
    void only_the_events_received_count_and_none_gives_an_empty_list() {
        long[] delays = {1_000, 2_000, 9_000_000};
        long[] arrivals = {0, 0, 0};

        assertThat(Workloads.slowest(delays, arrivals, 2, 5)).isEqualTo("#1 2.0 ms at 0.00 s, #0 1.0 ms at 0.00 s");
        assertThat(Workloads.slowest(delays, arrivals, 0, 5)).isEmpty();
    }
}
