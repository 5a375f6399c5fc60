package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class ClusterLedgerTest {
    @Test
    void one_each_is_no_problem_and_rows_of_other_orders_are_ignored() {
        var problems = new ArrayList<String>();

        ClusterLedger.exactlyOne(Set.of("a", "b"), Map.of("a", 1, "b", 1, "other", 3), "payments", problems);

        assertThat(problems).isEmpty();
    }

    @Test
    void a_missing_and_a_doubled_order_are_each_a_problem() {
        var problems = new ArrayList<String>();

        ClusterLedger.exactlyOne(Set.of("a", "b", "c"), Map.of("a", 1, "b", 2), "payments", problems);

        assertThat(problems)
                .containsExactly(
                        "1 orders have no payments (e.g. c)",
                        "1 orders have more than one of the payments (e.g. [b (2)])");
    }
}
