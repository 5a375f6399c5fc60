package org.bookworm.ordering.core.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.testing.Shop.admin;
import static org.bookworm.ordering.core.testing.Shop.alice;
import static org.bookworm.ordering.core.testing.Shop.checkout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bookworm.ordering.core.basket.BasketStoreUnavailable;
import org.bookworm.ordering.core.eventsourcing.DeadLetters.DeadLetter;
import org.bookworm.ordering.core.eventsourcing.DeadLetters.Lane;
import org.bookworm.ordering.core.eventsourcing.DeadLetters.Status;
import org.bookworm.ordering.core.inmemory.InMemoryCheckpoints;
import org.bookworm.ordering.core.inmemory.InMemoryDeadLetters;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderConfirmed;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.testing.Shop;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class SubscriptionTest {
    private static final RetryBackoff BACKOFF = new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8));
    private final Shop shop = new Shop();
    private final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
    private final List<RecordedEvent> handled = new ArrayList<>();
    private final List<RecordedEvent> attempts = new ArrayList<>();
    private final Map<StreamId, Integer> failuresLeft = new HashMap<>();

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
        assertThat(deadLetters.list("flaky"))
                .allSatisfy(letter -> assertThat(letter.status()).isEqualTo(Status.PARKED))
                .allSatisfy(letter -> assertThat(letter.error()).contains("cannot project", brokenStream.toString()));
        assertThat(deadLetters.lanes("flaky")).extracting(Lane::id).containsExactly(broken.value());
        assertThat(attempts)
                .as("the failing event is tried " + Subscription.ATTEMPTS + " times, the one behind it never")
                .filteredOn(event -> event.stream().equals(brokenStream))
                .hasSize(Subscription.ATTEMPTS)
                .extracting(RecordedEvent::version)
                .containsOnly(1L);
        assertThat(subscription.position()).isEqualTo(log.get(log.size() - 1).position());
        assertThat(subscription.status().parkedLanes()).isEqualTo(1);
        assertThat(subscription.status().heldEvents()).isEqualTo(2);
    }

    @Test
    void later_events_of_a_parked_stream_stay_parked_across_batches_and_time() {
        OrderId broken = shop.placedByAlice();
        StreamId brokenStream = OrderService.stream(broken);
        Subscription subscription = failingFor(brokenStream);
        subscription.drain();
        OrderId healthy = shop.placedByAlice();

        shop.ordering.orders.confirm(checkout, broken);
        shop.ordering.orders.shipAll(admin, broken);
        shop.ordering.orders.cancel(alice, null, healthy);
        shop.clock.advance(Duration.ofHours(1));
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
    void a_transient_failure_holds_only_its_lane_and_is_retried_with_backoff_until_it_passes() {
        OrderId flaky = shop.placedByAlice();
        shop.ordering.orders.confirm(checkout, flaky);
        OrderId other = shop.placedByAlice();
        StreamId flakyStream = OrderService.stream(flaky);
        failuresLeft.put(flakyStream, 4);
        Subscription subscription = failingTransientlyFor(flakyStream);

        subscription.drain();
        assertThat(handled).extracting(RecordedEvent::stream).containsExactly(OrderService.stream(other));
        assertThat(subscription.position()).as("the checkpoint moves on").isEqualTo(lastPosition());
        assertThat(subscription.status())
                .satisfies(status -> assertThat(status.retryingLanes()).isEqualTo(1))
                .satisfies(status -> assertThat(status.heldEvents()).isEqualTo(2))
                .satisfies(status -> assertThat(status.lastError()).contains("BasketStoreUnavailable"))
                .satisfies(status -> assertThat(status.nextAttempt())
                        .isEqualTo(shop.clock.instant().plusMillis(500)));

        // attempt n waits between half and all of 1 s * 2^(n-1), capped at 8 s: with jitter 0, exactly half
        subscription.drain();
        assertThat(attempts(flakyStream)).as("not due yet: not tried").isEqualTo(1);
        for (long waitMillis : new long[] {500, 1_000, 2_000}) {
            shop.clock.advance(Duration.ofMillis(waitMillis - 1));
            subscription.drain();
            int before = attempts(flakyStream);
            shop.clock.advance(Duration.ofMillis(1));
            subscription.drain();
            assertThat(attempts(flakyStream)).as("tried when due").isEqualTo(before + 1);
        }
        assertThat(subscription.status().retryingLanes()).isEqualTo(1);
        shop.clock.advance(Duration.ofMillis(4_000));
        subscription.drain();

        assertThat(subscription.status().healthy()).isTrue();
        assertThat(deadLetters.list("flaky")).isEmpty();
        assertThat(handled)
                .filteredOn(event -> event.stream().equals(flakyStream))
                .extracting(RecordedEvent::version)
                .as("in order, once each")
                .containsExactly(1L, 2L);
    }

    @Test
    void events_that_arrive_while_a_lane_is_held_queue_behind_it_in_order() {
        OrderId flaky = shop.placedByAlice();
        StreamId flakyStream = OrderService.stream(flaky);
        failuresLeft.put(flakyStream, 1);
        Subscription subscription = failingTransientlyFor(flakyStream);
        subscription.drain();

        shop.ordering.orders.confirm(checkout, flaky);
        shop.ordering.orders.shipAll(admin, flaky);
        subscription.drain();
        assertThat(deadLetters.events("flaky", flaky.value())).hasSize(3);

        shop.clock.advance(Duration.ofSeconds(1));
        subscription.drain();
        assertThat(handled).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(deadLetters.lanes("flaky")).isEmpty();
    }

    @Test
    void every_kind_of_failure_that_passes_by_waiting_is_retried_and_never_parked() {
        List<RuntimeException> transients = List.of(
                new StoreUnavailable("db down", new IllegalStateException("08006")),
                new BasketStoreUnavailable("redis down", new IllegalStateException("timeout")),
                new ConcurrencyConflict(OrderService.stream(new OrderId(Shop.ALICE.value())), 1),
                new ConflictPersisted(OrderService.stream(new OrderId(Shop.ALICE.value())), 4),
                new IllegalStateException("wrapped", new java.util.concurrent.TimeoutException("slow")),
                new java.io.UncheckedIOException(new java.net.SocketException("Connection reset")));
        for (RuntimeException failure : transients) {
            assertThat(Failures.isTransient(failure)).as(failure.toString()).isTrue();
        }
        assertThat(Failures.isTransient(new IllegalStateException("a bug"))).isFalse();
        assertThat(Failures.isTransient(new IllegalArgumentException("cannot decode")))
                .isFalse();
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

    @Test
    void pages_it_only_passes_over_do_not_save_its_checkpoint_until_the_interval_has_passed() {
        var saves = new java.util.concurrent.atomic.AtomicInteger();
        var counting = new Checkpoints() {
            @Override
            public LogPosition load(String subscription) {
                return checkpoints.load(subscription);
            }

            @Override
            public void save(String subscription, LogPosition position) {
                saves.incrementAndGet();
                checkpoints.save(subscription, position);
            }
        };
        var confirmations = new ArrayList<RecordedEvent>();
        Subscription subscription = confirmations(counting, confirmations);

        for (int i = 0; i < 20; i++) {
            shop.placedByAlice(); // an OrderPlaced: not a type it handles
            subscription.pump();
        }
        assertThat(saves)
                .as("20 pages passed over within the interval: no commit")
                .hasValue(0);
        assertThat(subscription.position())
                .as("it went on from where it looked, not from the stored checkpoint")
                .isEqualTo(lastPosition());

        shop.clock.advance(Subscription.SAVE_PASSED_OVER_EVERY);
        shop.placedByAlice();
        subscription.pump();
        assertThat(saves).as("once the interval passed: one save").hasValue(1);
        assertThat(checkpoints.load("confirmations")).isEqualTo(lastPosition());

        shop.placedByAlice();
        subscription.pump();
        OrderId confirmed = shop.confirmedByAlice();
        subscription.pump();
        assertThat(saves).as("a page it handled something in saves at once").hasValue(2);
        assertThat(confirmations).extracting(event -> event.stream().id()).containsExactly(confirmed.value());
        assertThat(checkpoints.load("confirmations")).isEqualTo(lastPosition());
    }

    @Test
    void after_pages_passed_over_unsaved_a_restart_handles_each_event_once_and_drain_saves_where_it_looked() {
        var confirmations = new ArrayList<RecordedEvent>();
        Subscription subscription = confirmations(checkpoints, confirmations);
        OrderId first = shop.confirmedByAlice();
        subscription.pump();
        for (int i = 0; i < 5; i++) {
            shop.placedByAlice();
            subscription.pump();
        }
        LogPosition saved = checkpoints.load("confirmations");
        assertThat(saved).as("passed over, not saved").isNotEqualTo(lastPosition());
        OrderId second = shop.confirmedByAlice();

        Subscription restarted = confirmations(checkpoints, confirmations);
        restarted.drain();
        assertThat(confirmations)
                .extracting(event -> event.stream().id())
                .as("each once, in order")
                .containsExactly(first.value(), second.value());

        shop.placedByAlice();
        restarted.drain();
        assertThat(checkpoints.load("confirmations"))
                .as("a drain ends with where it looked through to saved")
                .isEqualTo(lastPosition());
    }

    @Test
    void a_checkpoint_moved_by_someone_else_wins_over_where_it_had_passed_over_to() {
        var confirmations = new ArrayList<RecordedEvent>();
        Subscription subscription = confirmations(checkpoints, confirmations);
        OrderId first = shop.confirmedByAlice();
        subscription.pump();
        shop.placedByAlice();
        subscription.pump();

        checkpoints.save("confirmations", LogPosition.START); // an operator's reset
        subscription.drain();

        assertThat(confirmations)
                .extracting(event -> event.stream().id())
                .as("replayed from the reset, not from where it had looked")
                .containsExactly(first.value(), first.value());
    }

    @Test
    void a_handler_is_told_of_each_batch_before_its_first_event_even_behind_a_decorator_written_as_a_lambda() {
        OrderId first = shop.placedByAlice();
        OrderId second = shop.placedByAlice();
        shop.ordering.orders.confirm(checkout, first);
        shop.ordering.orders.confirm(checkout, second);
        var told = new ArrayList<String>();
        var handler = new EventHandler() {
            @Override
            public void handle(RecordedEvent event) {
                told.add("handle " + event.position());
            }

            @Override
            public void batchRead(List<RecordedEvent> batch) {
                told.add("batch " + batch.stream().map(RecordedEvent::position).toList());
            }
        };
        EventHandler.Decorator counting = (name, inner) -> event -> inner.handle(event);
        var subscription = new Subscription(
                "told",
                shop.ordering.events,
                checkpoints,
                deadLetters,
                counting.around("told", handler),
                3,
                1,
                new Subscription.Retries(BACKOFF, shop.clock, () -> 0.0));

        subscription.drain();

        List<LogPosition> log = shop.ordering.events.readAfter(LogPosition.START, 100).stream()
                .map(RecordedEvent::position)
                .toList();
        assertThat(told).hasSize(6);
        assertThat(told.get(0)).isEqualTo("batch " + log.subList(0, 3));
        assertThat(told.subList(1, 4)) // in lane order: one order's events after another's
                .containsExactlyInAnyOrder("handle " + log.get(0), "handle " + log.get(1), "handle " + log.get(2));
        assertThat(told.subList(4, 6)).containsExactly("batch " + log.subList(3, 4), "handle " + log.get(3));
    }

    private Subscription confirmations(Checkpoints store, List<RecordedEvent> confirmations) {
        return new Subscription(
                "confirmations",
                shop.ordering.events,
                store,
                deadLetters,
                EventHandler.of(EventFilter.events(OrderConfirmed.class), confirmations::add),
                10,
                1,
                new Subscription.Retries(BACKOFF, shop.clock, () -> 0.0));
    }

    private LogPosition lastPosition() {
        List<RecordedEvent> log = shop.ordering.events.readAfter(LogPosition.START, 100);
        return log.get(log.size() - 1).position();
    }

    private int attempts(StreamId stream) {
        return (int)
                attempts.stream().filter(event -> event.stream().equals(stream)).count();
    }

    /** A subscription "flaky" whose handler cannot project one stream and records everything else. */
    @Test
    void a_following_subscription_gets_each_event_it_handles_once_and_its_checkpoint_passes_the_rest()
            throws Exception {
        var confirmations = new CopyOnWriteArrayList<RecordedEvent>();
        var following = new Subscription(
                "confirmations",
                shop.ordering.events,
                checkpoints,
                deadLetters,
                EventHandler.of(EventFilter.events(OrderConfirmed.class), confirmations::add),
                2);
        Thread follower = Thread.ofVirtual().start(() -> {
            try {
                following.follow(Duration.ofMillis(50), Duration.ofMillis(10));
            } catch (InterruptedException stopped) {
                // stopped by the test
            }
        });
        try {
            for (int i = 0; i < 5; i++) {
                shop.confirmedByAlice();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            List<RecordedEvent> log = shop.ordering.events.readAfter(LogPosition.START, 1_000);
            LogPosition end = log.get(log.size() - 1).position();
            while ((confirmations.size() < 5 || following.position().compareTo(end) < 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } finally {
            follower.interrupt();
            follower.join();
        }

        List<RecordedEvent> log = shop.ordering.events.readAfter(LogPosition.START, 1_000);
        assertThat(confirmations)
                .extracting(RecordedEvent::eventId)
                .containsExactlyElementsOf(log.stream()
                        .filter(event -> event.event() instanceof OrderConfirmed)
                        .map(RecordedEvent::eventId)
                        .toList());
        assertThat(following.position()).isEqualTo(log.get(log.size() - 1).position());
    }

    private Subscription failingFor(StreamId failing) {
        return subscription(event -> {
            if (event.stream().equals(failing)) {
                throw new IllegalStateException("cannot project " + event.stream());
            }
        });
    }

    /** A handler that meets a Redis outage for the stream's first {@code failuresLeft} attempts. */
    private Subscription failingTransientlyFor(StreamId failing) {
        return subscription(event -> {
            if (event.stream().equals(failing) && failuresLeft.merge(failing, -1, Integer::sum) >= 0) {
                throw new BasketStoreUnavailable("basket store unavailable", new IllegalStateException("frozen"));
            }
        });
    }

    private Subscription subscription(EventHandler handler) {
        return new Subscription(
                "flaky",
                shop.ordering.events,
                checkpoints,
                deadLetters,
                event -> {
                    attempts.add(event);
                    handler.handle(event);
                    handled.add(event);
                },
                3,
                1,
                new Subscription.Retries(BACKOFF, shop.clock, () -> 0.0));
    }
}
