package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.bookworm.ordering.core.eventsourcing.Checkpoints;
import org.bookworm.ordering.core.eventsourcing.Leases;
import org.bookworm.ordering.core.eventsourcing.Leases.FencedSave;
import org.bookworm.ordering.core.eventsourcing.Leases.Lease;
import org.bookworm.ordering.core.eventsourcing.Leases.LeaseLost;
import org.bookworm.ordering.core.eventsourcing.Leases.PartitionCountMismatch;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.testing.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract of {@link Leases} (ADR 0034): one live owner per partition, a token that rises at every fresh claim, a
 * fenced write that runs only under the current token, one partition count per subscription, the live owners.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class LeasesContract {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final String VIEWS = "order-views";

    /** Fresh, empty leases judging expiry on {@code clock}; creating or truncating them is the implementation's job. */
    protected abstract Leases emptyLeases(ManualClock clock);

    /** The checkpoints of the store the last {@link #emptyLeases} are kept in, which a fenced save writes to. */
    protected abstract Checkpoints checkpoints();

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
    private Leases leases;

    @BeforeEach
    final void createLeases() {
        leases = emptyLeases(clock);
    }

    private String implementation() {
        return getClass().getSimpleName();
    }

    private Lease claimed(String owner, int partition) {
        return leases.claim(VIEWS, partition, owner, TEN_SECONDS).orElseThrow();
    }

    @Test
    void a_partition_never_claimed_goes_to_its_first_claimant_until_the_lease_lapses() {
        Lease lease = claimed("a", 3);

        assertThat(lease.owner()).as(implementation()).isEqualTo("a");
        assertThat(lease.partition()).as(implementation()).isEqualTo(3);
        assertThat(lease.expiresAt())
                .as(implementation())
                .isEqualTo(clock.instant().plus(TEN_SECONDS));
        assertThat(leases.leases(VIEWS)).as(implementation()).containsExactly(lease);
    }

    @Test
    void another_owner_cannot_claim_a_live_lease() {
        Lease lease = claimed("a", 0);
        clock.advance(Duration.ofSeconds(9));

        assertThat(leases.claim(VIEWS, 0, "b", TEN_SECONDS))
                .as(implementation())
                .isEmpty();
        assertThat(leases.leases(VIEWS)).as(implementation()).containsExactly(lease);
    }

    @Test
    void the_owner_claiming_its_live_lease_again_renews_it_with_the_same_token() {
        Lease first = claimed("a", 0);
        clock.advance(Duration.ofSeconds(4));

        Lease again = claimed("a", 0);

        assertThat(again.token()).as(implementation()).isEqualTo(first.token());
        assertThat(again.expiresAt())
                .as(implementation())
                .isEqualTo(clock.instant().plus(TEN_SECONDS));
    }

    @Test
    void a_lapsed_lease_goes_to_the_next_claimant_with_a_higher_token() {
        Lease first = claimed("a", 0);
        clock.advance(TEN_SECONDS);

        Lease taken = claimed("b", 0);

        assertThat(taken.owner()).as(implementation()).isEqualTo("b");
        assertThat(taken.token()).as(implementation()).isGreaterThan(first.token());
        assertThat(leases.renew(first, TEN_SECONDS)).as(implementation()).isEmpty();
    }

    @Test
    void tokens_rise_at_every_change_of_owner() {
        long token = claimed("a", 0).token();
        for (String owner : List.of("b", "a", "c", "b")) {
            clock.advance(Duration.ofSeconds(11));
            long next = claimed(owner, 0).token();
            assertThat(next).as(implementation() + ": token after " + owner).isGreaterThan(token);
            token = next;
        }
    }

    @Test
    void renewing_a_current_lease_extends_it_even_after_it_lapsed_while_no_one_claimed_it() {
        Lease lease = claimed("a", 0);
        clock.advance(Duration.ofSeconds(12));

        Optional<Lease> renewed = leases.renew(lease, TEN_SECONDS);

        assertThat(renewed).as(implementation()).isPresent();
        assertThat(renewed.orElseThrow().token()).as(implementation()).isEqualTo(lease.token());
        assertThat(renewed.orElseThrow().expiresAt())
                .as(implementation())
                .isEqualTo(clock.instant().plus(TEN_SECONDS));
        assertThat(leases.claim(VIEWS, 0, "b", TEN_SECONDS))
                .as(implementation())
                .isEmpty();
    }

    @Test
    void a_released_partition_is_claimed_at_once_with_a_higher_token() {
        Lease lease = claimed("a", 0);

        leases.release(lease);
        Lease next = claimed("b", 0);

        assertThat(next.token()).as(implementation()).isGreaterThan(lease.token());
        assertThat(leases.renew(lease, TEN_SECONDS)).as(implementation()).isEmpty();
    }

    @Test
    void releasing_a_lost_lease_changes_nothing() {
        Lease lost = claimed("a", 0);
        clock.advance(TEN_SECONDS);
        Lease taken = claimed("b", 0);

        leases.release(lost);

        assertThat(leases.leases(VIEWS)).as(implementation()).containsExactly(taken);
        assertThat(leases.claim(VIEWS, 0, "a", TEN_SECONDS))
                .as(implementation())
                .isEmpty();
    }

    @Test
    void a_fenced_write_runs_under_the_current_token_even_when_the_lease_lapsed_unclaimed() {
        Lease lease = claimed("a", 0);
        clock.advance(Duration.ofSeconds(30));

        assertThat(leases.fenced(lease, () -> "written")).as(implementation()).isEqualTo("written");
    }

    @Test
    void a_fenced_write_after_a_takeover_is_refused_and_never_runs() {
        Lease paused = claimed("a", 0);
        clock.advance(TEN_SECONDS);
        claimed("b", 0);
        var runs = new AtomicInteger();

        assertThatThrownBy(() -> leases.fenced(paused, runs::incrementAndGet))
                .as(implementation())
                .isInstanceOf(LeaseLost.class)
                .hasMessageContaining("order-views partition 0");
        assertThat(runs).as(implementation()).hasValue(0);
    }

    @Test
    void a_fenced_checkpoint_save_under_the_current_token_is_stored() {
        Lease lease = claimed("a", 0);
        var position = new LogPosition(7, 42);

        leases.saveFenced(lease, checkpoints(), "order-views#0", position);

        assertThat(checkpoints().load("order-views#0")).as(implementation()).isEqualTo(position);
    }

    @Test
    void a_fenced_checkpoint_save_after_a_takeover_is_refused_and_stores_nothing() {
        Lease paused = claimed("a", 0);
        leases.saveFenced(paused, checkpoints(), "order-views#0", new LogPosition(7, 42));
        clock.advance(TEN_SECONDS);
        claimed("b", 0);

        assertThatThrownBy(() -> leases.saveFenced(paused, checkpoints(), "order-views#0", new LogPosition(9, 50)))
                .as(implementation())
                .isInstanceOf(LeaseLost.class)
                .hasMessageContaining("order-views partition 0");
        assertThat(checkpoints().load("order-views#0")).as(implementation()).isEqualTo(new LogPosition(7, 42));
    }

    @Test
    void fenced_checkpoint_saves_of_several_partitions_under_their_current_tokens_are_all_stored() {
        Lease zero = claimed("a", 0);
        Lease five = claimed("a", 5);

        leases.saveFenced(
                checkpoints(),
                List.of(
                        new FencedSave(zero, "order-views#0", new LogPosition(7, 42)),
                        new FencedSave(five, "order-views#5", new LogPosition(7, 43))));

        assertThat(checkpoints().load("order-views#0")).as(implementation()).isEqualTo(new LogPosition(7, 42));
        assertThat(checkpoints().load("order-views#5")).as(implementation()).isEqualTo(new LogPosition(7, 43));
    }

    @Test
    void of_fenced_saves_of_several_partitions_only_the_taken_over_ones_are_refused_and_named() {
        Lease zero = claimed("a", 0);
        Lease one = claimed("a", 1);
        Lease two = claimed("a", 2);
        leases.release(one); // another owner's clock saw it lapse: it claims it while "a" still runs it
        leases.release(two);
        claimed("b", 1);
        claimed("b", 2);
        checkpoints().save("order-views#1", new LogPosition(5, 5));

        assertThatThrownBy(() -> leases.saveFenced(
                        checkpoints(),
                        List.of(
                                new FencedSave(zero, "order-views#0", new LogPosition(7, 42)),
                                new FencedSave(one, "order-views#1", new LogPosition(7, 42)),
                                new FencedSave(two, "order-views#2", new LogPosition(7, 42)))))
                .as(implementation())
                .isInstanceOfSatisfying(
                        LeaseLost.class, lost -> assertThat(lost.leases()).containsExactlyInAnyOrder(one, two));
        assertThat(checkpoints().load("order-views#0")).as(implementation()).isEqualTo(new LogPosition(7, 42));
        assertThat(checkpoints().load("order-views#1")).as(implementation()).isEqualTo(new LogPosition(5, 5));
        assertThat(checkpoints().load("order-views#2")).as(implementation()).isEqualTo(LogPosition.START);
    }

    @Test
    void a_fenced_write_of_a_released_lease_is_refused_once_another_owner_claims_it() {
        Lease released = claimed("a", 1);
        leases.release(released);
        claimed("b", 1);

        assertThatThrownBy(() -> leases.fenced(released, () -> 1))
                .as(implementation())
                .isInstanceOf(LeaseLost.class);
    }

    @Test
    void the_first_partition_count_is_recorded_and_another_refused() {
        leases.partitions(VIEWS, 8);
        leases.partitions(VIEWS, 8);
        leases.partitions("checkout-saga", 4);

        assertThatThrownBy(() -> leases.partitions(VIEWS, 4))
                .as(implementation())
                .isInstanceOf(PartitionCountMismatch.class)
                .hasMessage("order-views is split into 8 partitions, not 4: every process must use the same"
                        + " --partitions, or leave it out to take the recorded count (changing it needs every process"
                        + " stopped, ADR 0034)");
        leases.partitions(VIEWS, 8);
    }

    @Test
    void a_subscription_with_no_recorded_count_records_the_one_it_is_asked_to_take_otherwise() {
        assertThat(leases.recordedPartitions(VIEWS, 8)).as(implementation()).isEqualTo(8);

        assertThat(leases.recordedPartitions(VIEWS, 3))
                .as(implementation() + ": the count was recorded")
                .isEqualTo(8);
        leases.partitions(VIEWS, 8);
        assertThatThrownBy(() -> leases.partitions(VIEWS, 4))
                .as(implementation())
                .isInstanceOf(PartitionCountMismatch.class);
    }

    @Test
    void a_recorded_count_is_taken_as_it_is_by_a_process_that_does_not_ask_for_one() {
        leases.partitions(VIEWS, 1);

        assertThat(leases.recordedPartitions(VIEWS, 8)).as(implementation()).isEqualTo(1);
        assertThat(leases.recordedPartitions("checkout-saga", 8))
                .as(implementation() + ": another subscription's count is its own")
                .isEqualTo(8);
        leases.partitions(VIEWS, 1);
    }

    @Test
    void starters_racing_to_record_a_new_subscriptions_count_all_take_the_one_recorded() throws Exception {
        // each racer would record a count of its own, so an answer that is not the recorded one shows
        List<Object> results = Racing.race(8, racer -> leases.recordedPartitions(VIEWS, racer + 1));

        assertThat(results).as(implementation()).allMatch(result -> result instanceof Integer);
        assertThat(results).as(implementation() + ": " + results).containsOnly(leases.recordedPartitions(VIEWS, 200));
    }

    @Test
    void a_heartbeat_lists_the_subscriptions_owners_alive_now_and_forgets_the_lapsed() {
        assertThat(leases.heartbeat(VIEWS, "b", TEN_SECONDS))
                .as(implementation())
                .containsExactly("b");
        clock.advance(Duration.ofSeconds(5));
        assertThat(leases.heartbeat(VIEWS, "a", TEN_SECONDS))
                .as(implementation())
                .containsExactly("a", "b");
        clock.advance(Duration.ofSeconds(6));

        assertThat(leases.heartbeat(VIEWS, "a", TEN_SECONDS))
                .as(implementation())
                .containsExactly("a");
    }

    @Test
    void an_owner_of_another_subscription_does_not_count_among_a_subscriptions_owners() {
        leases.heartbeat("checkout-saga", "finance-1", TEN_SECONDS);

        assertThat(leases.heartbeat(VIEWS, "ordering-1", TEN_SECONDS))
                .as(implementation())
                .containsExactly("ordering-1");
        assertThat(leases.heartbeat("checkout-saga", "finance-2", TEN_SECONDS))
                .as(implementation())
                .containsExactly("finance-1", "finance-2");
    }

    @Test
    void partitions_and_subscriptions_are_independent() {
        Lease zero = claimed("a", 0);
        Lease one = claimed("b", 1);
        Lease saga = leases.claim("checkout-saga", 0, "b", TEN_SECONDS).orElseThrow();

        assertThat(leases.leases(VIEWS)).as(implementation()).containsExactly(zero, one);
        assertThat(leases.leases("checkout-saga")).as(implementation()).containsExactly(saga);
        assertThat(leases.leases("buyer-views")).as(implementation()).isEmpty();
    }

    @Test
    void of_racing_claimants_of_a_free_partition_exactly_one_wins() throws Exception {
        List<Object> results = Racing.race(8, racer -> leases.claim(VIEWS, 0, "owner-" + racer, TEN_SECONDS));

        assertThat(results.stream().filter(result -> result instanceof Optional<?> won && won.isPresent()))
                .as(implementation() + ": " + results)
                .hasSize(1);
        assertThat(results).as(implementation()).allMatch(result -> result instanceof Optional<?>);
    }
}
