package org.bookworm.ordering.core.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bookworm.ordering.core.testing.Shop.checkout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.bookworm.ordering.core.basket.BasketStoreUnavailable;
import org.bookworm.ordering.core.eventsourcing.Leases.Lease;
import org.bookworm.ordering.core.inmemory.InMemoryCheckpoints;
import org.bookworm.ordering.core.inmemory.InMemoryDeadLetters;
import org.bookworm.ordering.core.inmemory.InMemoryLeases;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.testing.Shop;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * Two owners of one subscription's partitions on shared in-memory stores (ADR 0034): how the partitions spread, how a
 * paused owner's partitions move and its writes are fenced, and that every event is handled by one owner.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class PartitionedSubscriptionTest {
    private static final LeaseKeeper.Settings EIGHT = new LeaseKeeper.Settings(8, Duration.ofSeconds(10));
    private final Shop shop = new Shop();
    private final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
    private final InMemoryLeases leases = new InMemoryLeases(shop.clock);
    /** Each owner's effects, by event id: how often each event was applied. */
    private final Map<UUID, Integer> effects = new ConcurrentHashMap<>();

    private final class Owner {
        final LeaseKeeper keeper;
        final PartitionedSubscription subscription;
        final List<RecordedEvent> handled = new ArrayList<>();

        Owner(String name, LeaseKeeper.Settings settings, EventHandler extra) {
            keeper = new LeaseKeeper(leases, name, settings, shop.clock);
            var whole = new Subscription(
                    "counting",
                    shop.ordering.events,
                    checkpoints,
                    deadLetters,
                    event -> {
                        extra.handle(event);
                        effects.merge(event.eventId(), 1, Integer::sum);
                        handled.add(event);
                    },
                    10,
                    1,
                    new Subscription.Retries(RetryBackoff.DEFAULT, shop.clock, () -> 0.0));
            subscription = new PartitionedSubscription(
                    whole, keeper, leases, checkpoints, deadLetters, shop.ordering.events, shop.clock);
        }

        Owner(String name) {
            this(name, EIGHT, event -> {});
        }

        List<Integer> partitions() {
            return keeper.held("counting").stream().map(Lease::partition).toList();
        }
    }

    private List<OrderId> orders(int count) {
        var orders = new ArrayList<OrderId>();
        for (int i = 0; i < count; i++) {
            OrderId order = shop.placedByAlice();
            shop.ordering.orders.confirm(checkout, order);
            orders.add(order);
        }
        return orders;
    }

    private Lease keeperLease(String owner, int partition) {
        return leases.leases("counting").stream()
                .filter(lease -> lease.owner().equals(owner) && lease.partition() == partition)
                .findFirst()
                .orElseThrow();
    }

    private List<RecordedEvent> log() {
        return shop.ordering.events.readAfter(LogPosition.START, 10_000);
    }

    @Test
    void one_owner_holds_every_partition_and_handles_every_event_once() {
        var alone = new Owner("a");
        orders(12);

        alone.keeper.tick();
        alone.subscription.drain();

        assertThat(alone.partitions()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(alone.handled)
                .extracting(RecordedEvent::eventId)
                .containsExactlyInAnyOrderElementsOf(
                        log().stream().map(RecordedEvent::eventId).toList());
        assertThat(effects).allSatisfy((event, times) -> assertThat(times).isEqualTo(1));
        assertThat(alone.subscription.status().position())
                .isEqualTo(log().getLast().position());
    }

    @Test
    void a_second_owner_gets_half_the_partitions_within_two_heartbeats_and_each_lane_goes_to_one_owner() {
        var first = new Owner("a");
        first.keeper.tick();
        var second = new Owner("b");

        second.keeper.tick(); // every partition is held live: b claims none, but counts as alive
        assertThat(second.partitions()).isEmpty();
        first.keeper.tick(); // a sees two owners: keeps its share of four, releases the rest
        second.keeper.tick(); // b claims what a released
        orders(20);
        first.subscription.drain();
        second.subscription.drain();

        assertThat(first.partitions()).containsExactly(0, 1, 2, 3);
        assertThat(second.partitions()).containsExactly(4, 5, 6, 7);
        assertThat(effects)
                .hasSize(log().size())
                .allSatisfy((event, times) -> assertThat(times).isEqualTo(1));
        assertThat(first.handled)
                .allSatisfy(event ->
                        assertThat(Partition.of(event.stream().id(), 8)).isBetween(0, 3));
        assertThat(second.handled)
                .allSatisfy(event ->
                        assertThat(Partition.of(event.stream().id(), 8)).isBetween(4, 7));
        assertThat(second.subscription.status().position())
                .isEqualTo(log().getLast().position());
    }

    @Test
    void a_paused_owner_loses_its_partitions_after_its_lease_and_its_late_writes_are_refused() {
        var paused = new AtomicBoolean(false);
        var other = new Owner("b");
        var sleeper = new Owner("a", EIGHT, event -> {
            if (paused.compareAndSet(false, true)) {
                // the process stops mid-batch past its lease (SIGSTOP, a long GC); meanwhile b takes over and works
                shop.clock.advance(Duration.ofSeconds(10));
                other.keeper.tick();
                other.subscription.drain();
            }
        });
        sleeper.keeper.tick();
        orders(6);

        sleeper.subscription.drain();

        assertThat(sleeper.handled).as("the sleeper ran one batch").isNotEmpty();
        int first = Partition.of(sleeper.handled.get(0).stream().id(), 8);
        assertThat(other.partitions()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        // it stopped at its next event, whose lease had lapsed on its clock, and wrote nothing after the pause; its
        // next heartbeat finds every lease taken over
        sleeper.keeper.tick();
        assertThat(sleeper.partitions()).as("the keeper forgot the lost leases").isEmpty();
        assertThat(checkpoints.load("counting#" + first))
                .as("the checkpoint is the new owner's, not the sleeper's late one")
                .isEqualTo(log().getLast().position());
        // the pass the sleeper was in stopped at its next event, whose lease had lapsed on its clock: it handled
        // nothing past its lease, of that partition or another
        assertThat(sleeper.handled)
                .allSatisfy(event ->
                        assertThat(Partition.of(event.stream().id(), 8)).isEqualTo(first));
        var sleepers = sleeper.handled.stream().map(RecordedEvent::eventId).toList();
        assertThat(effects.entrySet().stream().filter(effect -> !sleepers.contains(effect.getKey())))
                .allSatisfy(effect -> assertThat(effect.getValue()).isEqualTo(1));
        assertThat(other.handled)
                .extracting(RecordedEvent::eventId)
                .containsExactlyInAnyOrderElementsOf(
                        log().stream().map(RecordedEvent::eventId).toList());
    }

    @Test
    void an_owner_whose_clock_still_says_live_after_a_takeover_has_only_that_partitions_save_refused() {
        var taken = new AtomicBoolean(false);
        var other = new Owner("b");
        var skewed = new Owner("a", EIGHT, event -> {
            if (taken.compareAndSet(false, true)) {
                // b's clock says a's lease of this event's partition lapsed (skew, ADR 0034 decision 6): b claims it
                // and handles it while a, whose clock says it still holds it, goes on with its pass
                int partition = Partition.of(event.stream().id(), 8);
                Lease lease = keeperLease("a", partition);
                leases.release(lease);
                other.keeper.tick();
                assertThat(other.partitions()).containsExactly(partition);
                other.subscription.drain();
            }
        });
        skewed.keeper.tick();
        orders(6);

        skewed.subscription.drain();

        int first = Partition.of(skewed.handled.get(0).stream().id(), 8);
        assertThat(skewed.partitions())
                .as("the keeper forgot the lost lease only")
                .hasSize(7)
                .doesNotContain(first);
        assertThat(checkpoints.load("counting#" + first))
                .as("the checkpoint is the new owner's, not the late one")
                .isEqualTo(log().getLast().position());
        for (int partition = 0; partition < 8; partition++) {
            assertThat(checkpoints.load("counting#" + partition))
                    .isEqualTo(log().getLast().position());
        }
        // the partitions a still holds: every event handled once; the lost one's events by b, some repeated by a
        assertThat(effects.entrySet().stream()
                        .filter(effect -> log().stream()
                                .filter(event -> event.eventId().equals(effect.getKey()))
                                .allMatch(event -> Partition.of(event.stream().id(), 8) != first)))
                .allSatisfy(effect -> assertThat(effect.getValue()).isEqualTo(1));
        assertThat(other.handled)
                .allSatisfy(event ->
                        assertThat(Partition.of(event.stream().id(), 8)).isEqualTo(first));
    }

    @Test
    void a_partition_behind_the_others_catches_up_in_their_pass_and_the_others_repeat_nothing() {
        var alone = new Owner("a");
        alone.keeper.tick();
        orders(8);
        alone.subscription.drain();
        List<RecordedEvent> before = log();
        int behind = Partition.of(before.get(0).stream().id(), 8);
        // the partition's checkpoint moved back (an operator's reset of it, or a claim of a partition saved long ago)
        checkpoints.save("counting#" + behind, before.get(0).position());
        orders(4);

        alone.subscription.drain();

        for (RecordedEvent event : log()) {
            int partition = Partition.of(event.stream().id(), 8);
            int times = partition == behind && before.contains(event) && !event.equals(before.get(0)) ? 2 : 1;
            assertThat(effects.get(event.eventId()))
                    .as("%s of partition %d", event, partition)
                    .isEqualTo(times);
        }
        for (int partition = 0; partition < 8; partition++) {
            assertThat(checkpoints.load("counting#" + partition))
                    .isEqualTo(log().getLast().position());
        }
    }

    @Test
    void a_held_lane_stays_with_its_partition_and_its_next_owner_retries_it() {
        OrderId stuck = orders(1).get(0);
        var failing = new AtomicBoolean(true);
        var first = new Owner("a", EIGHT, event -> {
            if (failing.get() && event.stream().equals(OrderService.stream(stuck))) {
                throw new BasketStoreUnavailable("basket store unavailable", new IllegalStateException("frozen"));
            }
        });
        first.keeper.tick();
        first.subscription.drain();
        assertThat(deadLetters.lanes("counting")).hasSize(1);

        shop.clock.advance(Duration.ofSeconds(10)); // a stops renewing: its leases lapse
        failing.set(false);
        var second = new Owner("b");
        second.keeper.tick();
        second.subscription.drain();

        assertThat(second.handled).extracting(RecordedEvent::stream).containsOnly(OrderService.stream(stuck));
        assertThat(deadLetters.lanes("counting")).isEmpty();
        assertThat(effects)
                .hasSize(2)
                .allSatisfy((event, times) -> assertThat(times).isEqualTo(1));
    }

    @Test
    void a_process_that_splits_a_subscription_otherwise_is_refused() {
        new Owner("a");

        assertThatThrownBy(() -> new Owner("b", new LeaseKeeper.Settings(4, Duration.ofSeconds(10)), event -> {}))
                .isInstanceOf(Leases.PartitionCountMismatch.class)
                .hasMessageContaining("counting is split into 8 partitions, not 4");
    }

    @Test
    void without_a_count_asked_a_new_subscription_is_split_in_eight_and_every_event_is_handled_once() {
        var alone = new Owner("a", LeaseKeeper.Settings.DEFAULT, event -> {});
        orders(12);

        alone.keeper.tick();
        alone.subscription.drain();

        assertThat(leases.recordedPartitions("counting", 1)).isEqualTo(8);
        assertThat(alone.keeper.partitions("counting")).isEqualTo(8);
        assertThat(alone.partitions()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(effects)
                .hasSize(log().size())
                .allSatisfy((event, times) -> assertThat(times).isEqualTo(1));
        assertThat(alone.subscription.status().position())
                .isEqualTo(log().getLast().position());
    }

    @Test
    void without_a_count_asked_the_recorded_one_is_taken_and_with_another_asked_the_process_is_refused() {
        new Owner("a", new LeaseKeeper.Settings(1, Duration.ofSeconds(10)), event -> {});
        var unasked = new Owner("b", LeaseKeeper.Settings.DEFAULT, event -> {});
        orders(4);

        unasked.keeper.tick();
        unasked.subscription.drain();

        assertThat(unasked.keeper.partitions("counting")).isEqualTo(1);
        assertThat(unasked.partitions()).containsExactly(0);
        assertThat(effects).hasSize(log().size());
        assertThatThrownBy(() -> new Owner("c", EIGHT, event -> {}))
                .isInstanceOf(Leases.PartitionCountMismatch.class)
                .hasMessageContaining("counting is split into 1 partitions, not 8");
    }

    @Test
    void a_lane_hashes_to_the_same_partition_in_every_release() {
        // pinned: a change of the hash would move held lanes and half-handled orders to another partition
        var lane = UUID.fromString("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        assertThat(List.of(Partition.of(lane, 8), Partition.of(lane, 16), Partition.of(lane, 1)))
                .containsExactly(PINNED_8, PINNED_16, 0);
        var spread = new ArrayList<UUID>();
        for (int i = 0; i < 8_000; i++) {
            spread.add(UUID.randomUUID());
        }
        assertThat(spread.stream().collect(Collectors.groupingBy(id -> Partition.of(id, 8), Collectors.counting())))
                .hasSize(8)
                .allSatisfy((partition, lanes) -> assertThat(lanes).isBetween(800L, 1_200L));
    }

    private static final int PINNED_8 = 3;
    private static final int PINNED_16 = 11;
}
