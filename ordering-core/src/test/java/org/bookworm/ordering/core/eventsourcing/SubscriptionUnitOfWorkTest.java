package org.bookworm.ordering.core.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bookworm.ordering.core.testing.Shop.checkout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.bookworm.ordering.core.eventsourcing.DeadLetters.Status;
import org.bookworm.ordering.core.inmemory.InMemoryCheckpoints;
import org.bookworm.ordering.core.inmemory.InMemoryDeadLetters;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.testing.Shop;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * A subscription whose batches run in a {@link UnitOfWork}: one unit per batch, one nested scope per attempt of the
 * handler, nothing read when another owner holds the subscription. (That the rows and the checkpoint then commit
 * together on PostgreSQL is {@code ProjectionIT}'s and {@code CrashSafetyIT}'s.)
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class SubscriptionUnitOfWorkTest {
    private final Shop shop = new Shop();
    private final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();

    /**
     * A transaction over a journal of effects: an attempt's effects are pending until it returns (a failure drops
     * them, as a rolled-back savepoint does), and the batch's reach the journal only when the batch returns.
     */
    private static final class Journal implements UnitOfWork {
        final List<String> committed = new ArrayList<>();
        final List<String> batch = new ArrayList<>();
        final List<String> attempt = new ArrayList<>();
        int batches;
        int attempts;
        boolean ownedElsewhere;

        void write(String effect) {
            attempt.add(effect);
        }

        @Override
        public int batch(String subscription, IntSupplier work) {
            if (ownedElsewhere) {
                return 0;
            }
            batches++;
            batch.clear();
            int read = work.getAsInt();
            committed.addAll(batch);
            return read;
        }

        @Override
        public void attempt(Runnable work) {
            attempts++;
            attempt.clear();
            work.run();
            batch.addAll(attempt);
        }

        @Override
        public boolean isTransactional() {
            return true;
        }
    }

    private final Journal journal = new Journal();

    private Subscription subscription(EventHandler handler) {
        return new Subscription(
                "projection",
                shop.ordering.events,
                checkpoints,
                deadLetters,
                handler,
                3,
                1,
                new Subscription.Retries(
                        new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8)), shop.clock, () -> 0.0),
                journal);
    }

    @Test
    void each_batch_runs_in_one_unit_and_each_attempt_of_the_handler_in_a_nested_one() {
        OrderId first = shop.placedByAlice();
        shop.ordering.orders.confirm(checkout, first);
        shop.placedByAlice();
        shop.placedByAlice();
        var subscription = subscription(event -> journal.write(event.stream() + "@" + event.version()));

        int read = subscription.drain();

        assertThat(read).isEqualTo(4);
        assertThat(journal.batches)
                .as("a batch of 3, a batch of 1, and the empty read that ends the drain")
                .isEqualTo(3);
        assertThat(journal.attempts).isEqualTo(4);
        assertThat(journal.committed)
                .hasSize(4)
                .startsWith(OrderService.stream(first) + "@1", OrderService.stream(first) + "@2");
    }

    @Test
    void a_failing_attempt_is_undone_alone_while_its_lane_is_parked_and_the_batch_commits() {
        OrderId broken = shop.placedByAlice();
        OrderId healthy = shop.placedByAlice();
        StreamId brokenStream = OrderService.stream(broken);
        var subscription = subscription(event -> {
            journal.write(event.stream().toString());
            if (event.stream().equals(brokenStream)) {
                throw new IllegalStateException("cannot project " + event.stream());
            }
        });

        subscription.drain();

        assertThat(journal.committed)
                .containsExactly(OrderService.stream(healthy).toString());
        assertThat(deadLetters.lanes("projection"))
                .singleElement()
                .satisfies(lane -> assertThat(lane.hold().status()).isEqualTo(Status.PARKED));
        assertThat(subscription.position()).isNotEqualTo(LogPosition.START);
    }

    @Test
    void a_subscription_another_owner_holds_reads_nothing_and_moves_nothing() {
        shop.placedByAlice();
        journal.ownedElsewhere = true;
        var subscription = subscription(event -> journal.write(event.stream().toString()));

        assertThat(subscription.pump()).isZero();
        assertThat(subscription.position()).isEqualTo(LogPosition.START);
        assertThat(journal.committed).isEmpty();
    }

    /** What a reader hands out for a stored event it cannot decode. */
    private record Garbled(String error) implements UndecodableEvent {}

    @Test
    void an_event_the_reader_cannot_decode_parks_its_lane_at_once_and_is_never_handed_to_the_handler() {
        OrderId garbled = shop.placedByAlice();
        OrderId healthy = shop.placedByAlice();
        shop.ordering.events.append(
                OrderService.stream(garbled),
                1,
                List.of(new NewEvent(
                        UUID.randomUUID(),
                        new Garbled("unknown type OrderTeleported"),
                        Metadata.causedBy(shop.history(garbled).get(0), "test"))));
        var seen = new ArrayList<RecordedEvent>();
        var subscription = subscription(event -> {
            seen.add(event);
            journal.write(event.stream() + "@" + event.version());
        });

        subscription.drain();

        assertThat(seen).noneMatch(event -> event.event() instanceof UndecodableEvent);
        assertThat(journal.committed)
                .containsExactly(OrderService.stream(garbled) + "@1", OrderService.stream(healthy) + "@1");
        assertThat(deadLetters.list("projection")).singleElement().satisfies(letter -> {
            assertThat(letter.status()).isEqualTo(Status.PARKED);
            assertThat(letter.error()).contains("cannot decode", "OrderTeleported");
        });
    }

    @Test
    void a_transactional_unit_is_refused_more_than_one_lane() {
        assertThatThrownBy(() -> new Subscription(
                        "projection",
                        shop.ordering.events,
                        checkpoints,
                        deadLetters,
                        event -> {},
                        3,
                        4,
                        Subscription.Retries.on(shop.clock),
                        journal))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one lane at a time, not 4");
    }
}
