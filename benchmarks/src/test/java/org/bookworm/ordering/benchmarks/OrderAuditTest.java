package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderSummary;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The ledger check that decides whether a PlaceOrder run is correct: each way of being wrong is named. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class OrderAuditTest {
    private final UUID ada = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @Test
    void a_ledger_that_matches_the_listing_has_no_problem() {
        assertThat(problems(Map.of("o1", ada, "o2", bob), Map.of("o1", listed("o1", ada), "o2", listed("o2", bob))))
                .isEmpty();
    }

    @Test
    void an_acknowledged_order_the_server_does_not_list_is_a_lost_order() {
        assertThat(problems(Map.of("o1", ada, "o2", bob), Map.of("o1", listed("o1", ada))))
                .singleElement()
                .asString()
                .contains("1 acknowledged orders are not listed", "o2");
    }

    @Test
    void an_order_listed_under_another_buyer_is_a_problem() {
        assertThat(problems(Map.of("o1", ada), Map.of("o1", listed("o1", bob))))
                .singleElement()
                .asString()
                .contains("another buyer");
    }

    @Test
    void an_order_nobody_was_told_about_is_a_phantom() {
        assertThat(problems(Map.of("o1", ada), Map.of("o1", listed("o1", ada), "o9", listed("o9", ada))))
                .singleElement()
                .asString()
                .contains("no PlaceOrder acknowledged", "o9");
    }

    private static List<String> problems(Map<String, UUID> ledger, Map<String, OrderSummary> listed) {
        var problems = new ArrayList<String>();
        OrderAudit.compare(ledger, listed, problems);
        return problems;
    }

    private static OrderSummary listed(String order, UUID buyer) {
        return OrderSummary.newBuilder()
                .setOrderId(order)
                .setBuyerId(buyer.toString())
                .build();
    }
}
