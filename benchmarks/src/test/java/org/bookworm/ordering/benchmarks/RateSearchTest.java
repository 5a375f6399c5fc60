package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.bookworm.ordering.benchmarks.RateSearch.Verdict;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The stop rule of the rate search and the rates it tries. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class RateSearchTest {

    @Test
    void a_rate_confirmed_in_time_and_at_the_pace_offered_is_sustained() {
        assertThat(RateSearch.judge(300, 299, 1_000_000, 0, 0)).isEqualTo(new Verdict(true, "sustained"));
        assertThat(RateSearch.judge(300, 285, 400_000, 0, 0).sustained()).isTrue();
    }

    @Test
    void a_time_to_confirm_p99_over_one_second_stops_the_search() {
        var verdict = RateSearch.judge(300, 300, 1_000_001, 0, 0);

        assertThat(verdict.sustained()).isFalse();
        assertThat(verdict.why()).contains("time to confirm p99 1.00 s > 1 s");
    }

    @Test
    void confirming_less_than_95_percent_of_the_offer_stops_the_search() {
        var verdict = RateSearch.judge(300, 284.9, 200_000, 0, 0);

        assertThat(verdict.sustained()).isFalse();
        assertThat(verdict.why()).isEqualTo("confirmed 284.9/s < 95 % of 300.0/s offered");
    }

    @Test
    void failed_calls_or_correctness_findings_are_never_sustained() {
        assertThat(RateSearch.judge(100, 100, 1_000, 1, 0).why()).isEqualTo("1 calls failed");
        assertThat(RateSearch.judge(100, 100, 1_000, 0, 2).why()).isEqualTo("2 correctness findings");
    }

    @Test
    void the_search_stops_at_the_first_rate_not_sustained_and_reports_the_one_before() throws Exception {
        var offered = new ArrayList<Double>();
        // a server that confirms at most 250 a second, whatever is offered
        var outcome = RateSearch.search(
                List.of(300.0, 100.0, 200.0, 400.0),
                rate -> {
                    offered.add(rate);
                    return Math.min(rate, 250);
                },
                confirmed -> RateSearch.judge(offered.getLast(), confirmed, 100_000, 0, 0));

        assertThat(offered).containsExactly(100.0, 200.0, 300.0);
        assertThat(outcome.highestSustained()).isEqualTo(200.0);
        assertThat(outcome.tried())
                .extracting(tried -> tried.verdict().sustained())
                .containsExactly(true, true, false);
    }

    @Test
    void a_search_whose_first_rate_fails_has_no_sustained_rate() throws Exception {
        var outcome =
                RateSearch.search(List.of(50.0), rate -> 0.0, confirmed -> RateSearch.judge(50, confirmed, 0, 0, 0));

        assertThat(outcome.highestSustained()).isNull();
        assertThat(outcome.tried()).hasSize(1);
    }

    @Test
    void rates_are_a_list_or_a_range_with_a_step() {
        assertThat(RateSearch.parse("200,50, 100")).containsExactly(50.0, 100.0, 200.0);
        assertThat(RateSearch.parse("100:500:100")).containsExactly(100.0, 200.0, 300.0, 400.0, 500.0);
        assertThat(RateSearch.parse("0.5:1.5:0.5")).containsExactly(0.5, 1.0, 1.5);
        assertThatThrownBy(() -> RateSearch.parse("0,100")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RateSearch.parse("100:500")).isInstanceOf(IllegalArgumentException.class);
    }
}
