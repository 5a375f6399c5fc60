package org.bookworm.ordering.core.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bookworm.ordering.core.eventsourcing.Leases.Lease;
import org.bookworm.ordering.core.inmemory.InMemoryLeases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The heartbeat of {@link LeaseKeeper} over the in-memory leases. */
class LeaseKeeperTest {
    private static final LeaseKeeper.Settings FOUR = new LeaseKeeper.Settings(4, Duration.ofSeconds(3));

    /** Threads of their own: the common pool has one thread on two cores, and a blocked tick would occupy it. */
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private Instant now = Instant.parse("2026-12-07T06:00:00Z");
    private final InstantSource clock = () -> now;

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    /**
     * The in-memory leases, failing every call about {@code sick} while {@code failing} is set, as PostgreSQL does
     * when a claim waits out its lock_timeout behind a row that a frozen process holds.
     */
    private static final class SickLeases extends ForwardingLeases {
        private final String sick;
        boolean failing;

        SickLeases(Leases leases, String sick) {
            super(leases);
            this.sick = sick;
        }

        private void check(String subscription) {
            if (failing && subscription.equals(sick)) {
                throw new StoreUnavailable(
                        "lock timeout on " + subscription, new IllegalStateException("canceling statement"));
            }
        }

        @Override
        public List<String> heartbeat(String subscription, String owner, Duration duration) {
            check(subscription);
            return super.heartbeat(subscription, owner, duration);
        }

        @Override
        public Optional<Lease> claim(String subscription, int partition, String owner, Duration duration) {
            check(subscription);
            return super.claim(subscription, partition, owner, duration);
        }

        @Override
        public Optional<Lease> renew(Lease lease, Duration duration) {
            check(lease.subscription());
            return super.renew(lease, duration);
        }

        @Override
        public void release(Lease lease) {
            check(lease.subscription());
            super.release(lease);
        }

        @Override
        public List<Lease> leases(String subscription) {
            check(subscription);
            return super.leases(subscription);
        }

        @Override
        public <T> T fenced(Lease lease, Supplier<T> write) {
            check(lease.subscription());
            return super.fenced(lease, write);
        }

        @Override
        public void saveFenced(Lease lease, Checkpoints checkpoints, String subscription, LogPosition position) {
            check(lease.subscription());
            super.saveFenced(lease, checkpoints, subscription, position);
        }

        @Override
        public void saveFenced(Checkpoints checkpoints, List<FencedSave> saves) {
            saves.forEach(save -> check(save.lease().subscription()));
            super.saveFenced(checkpoints, saves);
        }
    }

    /**
     * One subscription whose lease calls fail (a claim waiting out its lock behind a frozen process's row) must not
     * stop the heartbeat of the others: before, the tick threw at the first of them and renewed none after it, so
     * their leases lapsed one lease later and their partitions stopped in a healthy process.
     */
    @Test
    void a_subscription_whose_lease_calls_fail_does_not_stop_the_heartbeat_of_the_others() {
        var leases = new SickLeases(new InMemoryLeases(clock), "projection-a");
        var keeper = new LeaseKeeper(leases, "owner-1", FOUR, clock);
        keeper.register("projection-a");
        keeper.register("reactor-b");
        keeper.tick();
        assertThat(keeper.held("reactor-b")).hasSize(4);

        leases.failing = true;
        for (int beat = 0; beat < 6; beat++) { // two leases' worth of heartbeats, one a second
            now = now.plusSeconds(1);
            assertThatThrownBy(keeper::tick)
                    .as("the failure is still reported")
                    .isInstanceOf(StoreUnavailable.class)
                    .hasMessageContaining("projection-a");
        }

        assertThat(keeper.held("reactor-b"))
                .as("the healthy subscription's leases, renewed at every beat")
                .hasSize(4)
                .allMatch(lease -> lease.liveAt(now));
    }

    /** The in-memory leases, holding every renewal until {@code go} opens, as a renewal stuck on a slow store does. */
    private static final class SlowRenewals extends ForwardingLeases {
        final CountDownLatch renewing = new CountDownLatch(1);
        final CountDownLatch go = new CountDownLatch(1);

        SlowRenewals(Leases leases) {
            super(leases);
        }

        @Override
        public Optional<Lease> renew(Lease lease, Duration duration) {
            renewing.countDown();
            try {
                go.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
            return super.renew(lease, duration);
        }
    }

    /**
     * Every subscription asks which leases it holds before each pass; a heartbeat whose round trips are slow must not
     * hold them all up. Before, {@code held} waited for the keeper's monitor, which the tick held through its every
     * call to the store (a JFR profile under PlaceOrder load: subscription threads blocked on it for seconds).
     */
    @Test
    void the_leases_held_are_read_while_a_heartbeat_waits_on_the_store() throws Exception {
        var leases = new SlowRenewals(new InMemoryLeases(clock));
        var keeper = new LeaseKeeper(leases, "owner-1", FOUR, clock);
        keeper.register("projection-a");
        keeper.tick(); // claims all four; renews nothing yet
        var renewing = CompletableFuture.runAsync(keeper::tick, threads);
        try {
            assertThat(leases.renewing.await(10, TimeUnit.SECONDS))
                    .as("the tick reached the store")
                    .isTrue();
            var read = CompletableFuture.supplyAsync(() -> keeper.held("projection-a"), threads);
            assertThat(read.get(5, TimeUnit.SECONDS))
                    .as("the leases held, read while the heartbeat waits on the store")
                    .hasSize(4);
        } finally {
            leases.go.countDown();
            renewing.get(10, TimeUnit.SECONDS);
        }
    }

    /** A lease given up as lost while its renewal is on its way stays lost: the renewal does not bring it back. */
    @Test
    void a_lease_lost_during_its_renewal_stays_lost() throws Exception {
        var leases = new SlowRenewals(new InMemoryLeases(clock));
        var keeper = new LeaseKeeper(leases, "owner-1", FOUR, clock);
        keeper.register("projection-a");
        keeper.tick();
        Lease first = keeper.held("projection-a").get(0);
        var renewing = CompletableFuture.runAsync(keeper::tick, threads);
        assertThat(leases.renewing.await(10, TimeUnit.SECONDS))
                .as("the tick reached the store")
                .isTrue();
        CompletableFuture.runAsync(() -> keeper.lost(first), threads).get(5, TimeUnit.SECONDS);
        leases.go.countDown();
        renewing.get(10, TimeUnit.SECONDS);

        assertThat(keeper.held("projection-a"))
                .as("the three leases renewed, not the lost one")
                .hasSize(3)
                .noneMatch(lease -> lease.partition() == first.partition());
    }
}
