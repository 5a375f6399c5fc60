package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bookworm.ordering.benchmarks.LeaseWatch.Lease;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class LeaseWatchTest {
    private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void a_partition_handed_over_with_a_higher_token_is_no_breach_and_is_a_handoff() {
        var samples = List.of(
                List.of(lease("order-views", 0, "ordering-1", 1, 0)),
                List.of(lease("order-views", 0, "ordering-2", 2, 7)));

        assertThat(LeaseWatch.breaches(samples)).isEmpty();
        assertThat(LeaseWatch.handoffs(samples))
                .containsEntry(T0.plusSeconds(7), "order-views#0 ordering-1 -> ordering-2");
    }

    @Test
    void one_token_with_two_owners_is_a_breach() {
        var samples = List.of(
                List.of(lease("order-views", 0, "ordering-1", 1, 0)),
                List.of(lease("order-views", 0, "ordering-2", 1, 0)));

        assertThat(LeaseWatch.breaches(samples))
                .containsExactly("order-views#0: token 1 held by ordering-1 and by ordering-2");
    }

    @Test
    void a_token_that_goes_back_is_a_breach() {
        var samples = List.of(
                List.of(lease("checkout-saga", 3, "finance-1", 5, 0)),
                List.of(lease("checkout-saga", 3, "finance-1", 4, 0)));

        assertThat(LeaseWatch.breaches(samples)).containsExactly("checkout-saga#3: token went back from 5 to 4");
    }

    @Test
    void the_live_holdings_name_each_subscriptions_replicas_by_the_pid_in_their_owner_id_with_their_partitions() {
        var held = List.of(
                new LeaseWatch.Held("order-views", "host/41/aa", 0),
                new LeaseWatch.Held("order-views", "host/42/bb", 5),
                new LeaseWatch.Held("order-views", "host/41/aa", 1),
                new LeaseWatch.Held("checkout-saga", "host/77/cc", 0));

        assertThat(LeaseWatch.holdings(held, Map.of("ordering-1", 41L, "ordering-2", 42L, "finance-1", 43L)))
                .containsExactly("checkout-saga: host/77/cc [0]", "order-views: ordering-1 [0, 1], ordering-2 [5]");
    }

    private static Lease lease(String subscription, int partition, String owner, long token, long claimedSecond) {
        return new Lease(subscription, partition, owner, token, T0.plusSeconds(claimedSecond));
    }
}
