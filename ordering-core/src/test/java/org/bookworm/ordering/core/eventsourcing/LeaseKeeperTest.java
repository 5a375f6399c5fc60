package org.bookworm.ordering.core.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.bookworm.ordering.core.eventsourcing.Leases.Lease;
import org.bookworm.ordering.core.inmemory.InMemoryLeases;
import org.junit.jupiter.api.Test;

/** The heartbeat of {@link LeaseKeeper} over the in-memory leases. */
class LeaseKeeperTest {
    private static final LeaseKeeper.Settings FOUR = new LeaseKeeper.Settings(4, Duration.ofSeconds(3));

    private Instant now = Instant.parse("2026-12-07T06:00:00Z");
    private final InstantSource clock = () -> now;

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
}
