package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bookworm.ordering.core.testing.Shop.admin;
import static org.bookworm.ordering.core.testing.Shop.checkout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.EventHandler;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.RetryBackoff;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.inmemory.InMemoryCheckpoints;
import org.bookworm.ordering.core.inmemory.InMemoryDeadLetters;
import org.bookworm.ordering.core.testing.Shop;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** A subscription with lanes: different orders at once, each order's events in log order, every event once. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class SubscriptionLanesTest {
    private final Shop shop = new Shop();
    private final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
    private final List<RecordedEvent> handled = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    @Test
    void orders_are_handled_at_once_yet_each_orders_events_in_log_order_and_every_event_once() {
        var orders = new ArrayList<OrderId>();
        for (int i = 0; i < 24; i++) {
            OrderId order = shop.placedByAlice();
            shop.ordering.orders.confirm(checkout, order);
            orders.add(order);
        }
        orders.forEach(order -> shop.ordering.orders.shipAll(admin, order));
        List<RecordedEvent> log = shop.ordering.events.readAfter(LogPosition.START, 1_000);

        int read = subscription(slowly(event -> {}), 8).drain();

        assertThat(read).isEqualTo(log.size());
        assertThat(handled)
                .extracting(RecordedEvent::eventId)
                .doesNotHaveDuplicates()
                .hasSize(log.size());
        Map<UUID, List<Long>> versions = new HashMap<>();
        handled.forEach(event -> versions.computeIfAbsent(event.stream().id(), id -> new ArrayList<>())
                .add(event.version()));
        assertThat(versions).hasSize(orders.size());
        versions.values().forEach(each -> assertThat(each).isSorted());
        assertThat(mostAtOnce.get()).as("orders handled at the same time").isBetween(2, 8);
        assertThat(checkpoints.load("lanes")).isEqualTo(log.get(log.size() - 1).position());
    }

    @Test
    void a_failing_order_is_parked_while_the_other_lanes_flow() {
        OrderId broken = shop.placedByAlice();
        OrderId healthy = shop.placedByAlice();
        shop.ordering.orders.confirm(checkout, broken);
        shop.ordering.orders.confirm(checkout, healthy);
        StreamId brokenStream = OrderService.stream(broken);

        int read = subscription(
                        event -> {
                            if (event.stream().equals(brokenStream)) {
                                throw new IllegalStateException("cannot handle " + event.stream());
                            }
                        },
                        4)
                .drain();

        assertThat(read).isEqualTo(4);
        assertThat(handled).extracting(RecordedEvent::stream).containsOnly(OrderService.stream(healthy));
        assertThat(deadLetters.list("lanes"))
                .extracting(letter -> letter.event().version())
                .containsExactly(1L, 2L);
        assertThat(deadLetters.lanes("lanes")).extracting(lane -> lane.id()).containsExactly(broken.value());
    }

    @Test
    void when_one_lane_cannot_finish_the_others_still_do_and_the_checkpoint_stays() {
        OrderId broken = shop.placedByAlice();
        OrderId healthy = shop.placedByAlice();
        StreamId brokenStream = OrderService.stream(broken);
        DeadLetters unreachable = new UnreachableDeadLetters();
        var subscription = new Subscription(
                "lanes",
                shop.ordering.events,
                checkpoints,
                unreachable,
                recording(event -> {
                    if (event.stream().equals(brokenStream)) {
                        throw new IllegalStateException("cannot handle " + event.stream());
                    }
                }),
                100,
                4);

        assertThatThrownBy(subscription::pump).hasMessageContaining("dead letters unreachable");

        assertThat(handled).extracting(RecordedEvent::stream).containsOnly(OrderService.stream(healthy));
        assertThat(checkpoints.load("lanes"))
                .as("nothing saved: the batch comes again")
                .isEqualTo(LogPosition.START);
    }

    @Test
    void an_outage_holds_only_the_lanes_it_hits_and_they_are_retried_when_due() {
        OrderId hit = shop.placedByAlice();
        OrderId spared = shop.placedByAlice();
        var down = new AtomicInteger(1);
        var subscription = new Subscription(
                "lanes",
                shop.ordering.events,
                checkpoints,
                deadLetters,
                recording(event -> {
                    if (down.get() == 1 && event.stream().id().equals(hit.value())) {
                        throw new StoreUnavailable("database down", new IllegalStateException("down"));
                    }
                }),
                100,
                4,
                new Subscription.Retries(RetryBackoff.DEFAULT, shop.clock, () -> 0.5));

        assertThat(subscription.drain()).isEqualTo(2);
        assertThat(handled).extracting(event -> event.stream().id()).containsExactly(spared.value());
        assertThat(deadLetters.lanes("lanes"))
                .singleElement()
                .satisfies(lane -> assertThat(lane.hold().status()).isEqualTo(DeadLetters.Status.RETRYING));
        assertThat(checkpoints.load("lanes")).isNotEqualTo(LogPosition.START);

        down.set(0);
        shop.clock.advance(java.time.Duration.ofSeconds(1));
        subscription.drain();
        assertThat(handled).extracting(event -> event.stream().id()).containsExactly(spared.value(), hit.value());
        assertThat(deadLetters.lanes("lanes")).isEmpty();
    }

    /** Dead letters whose store is down: nothing can be held. */
    private static final class UnreachableDeadLetters implements DeadLetters {
        @Override
        public void hold(String subscription, RecordedEvent event, Hold hold) {
            throw new IllegalStateException("dead letters unreachable");
        }

        @Override
        public boolean update(String subscription, UUID lane, Hold hold) {
            throw new IllegalStateException("dead letters unreachable");
        }

        @Override
        public void release(String subscription, RecordedEvent event) {
            throw new IllegalStateException("dead letters unreachable");
        }

        @Override
        public List<Lane> lanes(String subscription) {
            return List.of();
        }

        @Override
        public List<RecordedEvent> events(String subscription, UUID lane) {
            return List.of();
        }

        @Override
        public List<DeadLetter> list(String subscription) {
            return List.of();
        }

        @Override
        public int drop(String subscription, UUID lane) {
            return 0;
        }
    }

    private Subscription subscription(EventHandler handler, int lanes) {
        return new Subscription(
                "lanes", shop.ordering.events, checkpoints, deadLetters, recording(handler), 100, lanes);
    }

    private EventHandler recording(EventHandler handler) {
        return event -> {
            handler.handle(event);
            handled.add(event);
        };
    }

    /** Holds each event for 2 ms, counting how many are held at once. */
    private EventHandler slowly(EventHandler handler) {
        return event -> {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            handler.handle(event);
        };
    }
}
