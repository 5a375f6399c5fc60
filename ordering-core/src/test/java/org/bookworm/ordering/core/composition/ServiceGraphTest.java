package org.bookworm.ordering.core.composition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.SplittableRandom;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.inmemory.InMemoryBookWorm;
import org.bookworm.ordering.core.inmemory.InMemoryOrdering;
import org.bookworm.ordering.core.testing.ManualClock;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The one composition of the service graph: what it builds, and that the in-memory worlds run on it rather than on a
 * wiring of their own. (What the graph does end to end is the checkout suite's, run on memory and PostgreSQL.)
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ServiceGraphTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));

    @Test
    void the_graph_builds_every_subscription_once_under_its_published_name() {
        var graph = new InMemoryBookWorm(clock, new SplittableRandom(1)).graph();

        assertThat(graph.subscriptions())
                .extracting(Subscription::name)
                .containsExactlyElementsOf(ServiceGraph.SUBSCRIPTIONS);
        assertThat(graph.reactors())
                .extracting(Subscription::name)
                .doesNotContainAnyElementsOf(
                        graph.projections().stream().map(Subscription::name).toList());
        assertThat(graph.deadLetterService().subscriptions()).isEqualTo(ServiceGraph.SUBSCRIPTIONS);
    }

    @Test
    void the_in_memory_world_runs_the_services_and_subscriptions_of_its_graph() {
        var bookworm = new InMemoryBookWorm(clock, new SplittableRandom(2));
        var graph = bookworm.graph();

        assertThat(bookworm.checkout).isSameAs(graph.checkout());
        assertThat(bookworm.sagas).isSameAs(graph.sagas());
        assertThat(bookworm.payments).isSameAs(graph.payments());
        assertThat(bookworm.notifications).isSameAs(graph.notifications());
        assertThat(bookworm.baskets).isSameAs(graph.baskets());
        assertThat(bookworm.ordering.orders).isSameAs(graph.orders());
        assertThat(bookworm.ordering.buyers).isSameAs(graph.buyers());
        assertThat(bookworm.ordering.queries).isSameAs(graph.queries());
        assertThat(bookworm.subscriptions).isEqualTo(graph.reactors());
        assertThat(bookworm.ordering.subscriptions).isEqualTo(graph.projections());
        assertThat(graph.ports().baskets()).isSameAs(bookworm.basketStore);
        assertThat(graph.ports().events()).isSameAs(bookworm.ordering.events);
    }

    @Test
    void ordering_alone_runs_on_a_graph_whose_projections_are_its_subscriptions() {
        var ordering = new InMemoryOrdering(clock, new SplittableRandom(3));

        assertThat(ordering.subscriptions).extracting(Subscription::name).containsExactly("order-views", "buyer-views");
    }

    @Test
    void a_port_left_out_is_named() {
        var ports = new InMemoryBookWorm(clock, new SplittableRandom(4)).graph().ports();

        assertThatThrownBy(() -> new ServiceGraph.Ports(
                        ports.events(),
                        ports.log(),
                        ports.idempotencyKeys(),
                        ports.snapshots(),
                        ports.checkpoints(),
                        ports.deadLetters(),
                        ports.orderViews(),
                        ports.buyerViews(),
                        ports.baskets(),
                        ports.catalog(),
                        ports.inventory(),
                        ports.gateway(),
                        ports.deadlines(),
                        ports.outbox(),
                        null,
                        ports.projectionUnits()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("mailer");
    }

    @Test
    void settings_without_a_lane_or_a_batch_are_refused_with_the_reason() {
        var settings = ServiceGraph.Settings.of(clock, new SplittableRandom(5));

        assertThatThrownBy(() -> settings.withReactorLanes(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one lane");
        assertThatThrownBy(() -> settings.withProjectionBatch(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one event");
    }
}
