package org.bookworm.ordering.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.app.Shop.admin;
import static org.bookworm.ordering.core.app.Shop.alice;
import static org.bookworm.ordering.core.app.Shop.checkout;

import java.util.ArrayList;
import java.util.List;
import org.bookworm.ordering.core.inmemory.InMemoryCheckpoints;
import org.bookworm.ordering.core.inmemory.InMemoryDeadLetters;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.port.DeadLetters.DeadLetter;
import org.bookworm.ordering.core.port.LogPosition;
import org.bookworm.ordering.core.port.RecordedEvent;
import org.bookworm.ordering.core.port.StreamId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class SubscriptionTest {
    private final Shop shop = new Shop();
    private final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
    private final List<RecordedEvent> handled = new ArrayList<>();
    private final List<RecordedEvent> attempts = new ArrayList<>();

    @Test
    void a_failing_stream_is_parked_while_other_streams_flow_and_the_checkpoint_advances() {
        OrderId broken = shop.placedByAlice();
        OrderId healthy = shop.placedByAlice();
        shop.ordering.orders.confirm(checkout, broken);
        shop.ordering.orders.confirm(checkout, healthy);
        StreamId brokenStream = OrderService.stream(broken);
        Subscription subscription = failingFor(brokenStream);

        int read = subscription.drain();

        List<RecordedEvent> log = shop.ordering.events.readAfter(LogPosition.START, 100);
        assertThat(read).isEqualTo(4);
        assertThat(handled).extracting(RecordedEvent::stream).containsOnly(OrderService.stream(healthy));
        assertThat(handled).extracting(RecordedEvent::version).containsExactly(1L, 2L);
        assertThat(deadLetters.list("flaky"))
                .extracting(DeadLetter::event)
                .containsExactlyElementsOf(shop.history(broken));
        assertThat(deadLetters.list("flaky").get(0).error()).contains("cannot project", brokenStream.toString());
        assertThat(deadLetters.list("flaky").get(1).error()).contains("parked behind");
        assertThat(deadLetters.parkedStreams("flaky")).containsExactly(brokenStream);
        assertThat(attempts)
                .as("the failing event is tried " + Subscription.ATTEMPTS + " times, the one behind it never")
                .filteredOn(event -> event.stream().equals(brokenStream))
                .hasSize(Subscription.ATTEMPTS)
                .extracting(RecordedEvent::version)
                .containsOnly(1L);
        assertThat(subscription.position()).isEqualTo(log.get(log.size() - 1).position());
    }

    @Test
    void later_events_of_a_parked_stream_stay_parked_across_batches() {
        OrderId broken = shop.placedByAlice();
        StreamId brokenStream = OrderService.stream(broken);
        Subscription subscription = failingFor(brokenStream);
        subscription.drain();
        OrderId healthy = shop.placedByAlice();

        shop.ordering.orders.confirm(checkout, broken);
        shop.ordering.orders.shipAll(admin, broken);
        shop.ordering.orders.cancel(alice, null, healthy);
        int read = subscription.drain();

        assertThat(read).isEqualTo(4);
        assertThat(deadLetters.list("flaky"))
                .extracting(letter -> letter.event().version())
                .containsExactly(1L, 2L, 3L);
        assertThat(handled).extracting(RecordedEvent::stream).containsOnly(OrderService.stream(healthy));
        assertThat(handled).hasSize(2);
        assertThat(subscription.drain()).as("caught up").isZero();
    }

    @Test
    void a_restarted_subscription_resumes_after_its_checkpoint_and_handles_nothing_twice() {
        shop.placedByAlice();
        failingFor(OrderService.stream(new OrderId(Shop.BOB.value()))).drain();
        OrderId later = shop.placedByAlice();

        Subscription restarted = failingFor(OrderService.stream(new OrderId(Shop.BOB.value())));
        int read = restarted.drain();

        assertThat(read).isEqualTo(1);
        assertThat(handled)
                .extracting(RecordedEvent::eventId)
                .doesNotHaveDuplicates()
                .hasSize(2);
        assertThat(handled.get(1).stream()).isEqualTo(OrderService.stream(later));
        assertThat(deadLetters.list("flaky")).isEmpty();
    }

    /** A subscription "flaky" whose handler cannot project one stream and records everything else. */
    private Subscription failingFor(StreamId failing) {
        return new Subscription(
                "flaky",
                shop.ordering.events,
                checkpoints,
                deadLetters,
                event -> {
                    attempts.add(event);
                    if (event.stream().equals(failing)) {
                        throw new IllegalStateException("cannot project " + event.stream());
                    }
                    handled.add(event);
                },
                3);
    }
}
