package org.bookworm.ordering.core.composition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.inmemory.InMemoryBookWorm;
import org.bookworm.ordering.core.testing.ManualClock;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** A process runs a subset of the four services: which subscriptions it follows, and how operators name them. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ServicesTest {
    private final ServiceGraph graph = new InMemoryBookWorm(
                    new ManualClock(Instant.parse("2026-03-01T10:00:00Z")), new SplittableRandom(5))
            .graph();

    @Test
    void every_subscription_has_one_owning_service() {
        assertThat(ServiceGraph.OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(ServiceGraph.SUBSCRIPTIONS);
    }

    @Test
    void all_four_services_follow_every_subscription_and_each_subscription_runs_in_exactly_one_service() {
        assertThat(graph.subscriptionsOf(Service.ALL)).isEqualTo(graph.subscriptions());
        var seen = new java.util.ArrayList<String>();
        for (Service service : Service.values()) {
            graph.subscriptionsOf(Set.of(service)).forEach(subscription -> seen.add(subscription.name()));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ServiceGraph.SUBSCRIPTIONS);
    }

    @Test
    void finance_follows_the_checkout_saga_and_basket_and_notification_follow_nothing() {
        assertThat(graph.subscriptionsOf(Set.of(Service.FINANCE)))
                .extracting(Subscription::name)
                .containsExactly("checkout-saga");
        assertThat(graph.subscriptionsOf(Set.of(Service.BASKET, Service.NOTIFICATION)))
                .isEmpty();
        assertThat(graph.subscriptionsOf(Set.of(Service.ORDERING)))
                .extracting(Subscription::name)
                .containsExactly("notifications", "basket-clearing", "order-views", "buyer-views");
    }

    @Test
    void a_list_of_service_names_reads_in_any_order_around_spaces() {
        assertThat(Service.parseList("ordering,basket,finance,notification")).isEqualTo(Service.ALL);
        assertThat(Service.parseList(" finance , basket")).isEqualTo(EnumSet.of(Service.BASKET, Service.FINANCE));
        assertThat(Service.BASKET.label()).isEqualTo("basket");
    }

    @Test
    void an_unknown_or_missing_service_name_is_refused_naming_it_and_the_known_ones() {
        assertThatThrownBy(() -> Service.parseList("ordering,shipping"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown service 'shipping': the services are ordering, basket, finance, notification");
        assertThatThrownBy(() -> Service.parseList(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown service ''");
    }
}
