package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.bookworm.ordering.core.finance.SagaDeadlines;
import org.bookworm.ordering.core.finance.SagaDeadlines.Deadline;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every {@link SagaDeadlines} promises. Subclasses hand out fresh, empty deadlines per test. */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class SagaDeadlinesContract {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** Fresh and empty; creating or truncating is the implementation's job. */
    protected abstract SagaDeadlines emptyDeadlines();

    private SagaDeadlines deadlines;

    @BeforeEach
    final void createDeadlines() {
        deadlines = emptyDeadlines();
    }

    private String impl() {
        return deadlines.getClass().getSimpleName();
    }

    private static OrderId order() {
        return new OrderId(UUID.randomUUID());
    }

    @Test
    void nothing_is_due_before_its_time() {
        OrderId order = order();
        deadlines.schedule(order, 1, T0.plusSeconds(30));

        assertThat(deadlines.claimDue(T0.plusSeconds(29), 10)).as(impl()).isEmpty();
        assertThat(deadlines.claimDue(T0.plusSeconds(30), 10))
                .as(impl())
                .containsExactly(new Deadline(order, 1, T0.plusSeconds(30)));
    }

    @Test
    void scheduling_the_same_step_again_changes_nothing() {
        OrderId order = order();
        deadlines.schedule(order, 1, T0);
        deadlines.schedule(order, 1, T0.plusSeconds(600));

        assertThat(deadlines.pending()).as(impl()).containsExactly(new Deadline(order, 1, T0));
    }

    @Test
    void a_claimed_deadline_is_not_claimed_again_during_its_lease_but_comes_back_after() {
        OrderId order = order();
        deadlines.schedule(order, 1, T0);

        assertThat(deadlines.claimDue(T0, 10)).as(impl()).hasSize(1);
        assertThat(deadlines.claimDue(T0.plusSeconds(1), 10)).as(impl()).isEmpty();
        assertThat(deadlines.claimDue(T0.plus(SagaDeadlines.LEASE).plusSeconds(1), 10))
                .as(impl())
                .hasSize(1);
    }

    @Test
    void a_completed_deadline_never_comes_back_even_if_scheduled_again() {
        OrderId order = order();
        deadlines.schedule(order, 1, T0);
        deadlines.claimDue(T0, 10);

        deadlines.complete(order, 1);
        deadlines.complete(order, 1);
        deadlines.schedule(order, 1, T0);

        assertThat(deadlines.claimDue(T0.plusSeconds(3600), 10)).as(impl()).isEmpty();
        assertThat(deadlines.pending()).as(impl()).isEmpty();
    }

    @Test
    void due_deadlines_come_earliest_first_up_to_the_limit() {
        OrderId first = order();
        OrderId second = order();
        deadlines.schedule(second, 1, T0.plusSeconds(2));
        deadlines.schedule(first, 1, T0.plusSeconds(1));
        deadlines.schedule(order(), 1, T0.plusSeconds(3));

        assertThat(deadlines.claimDue(T0.plusSeconds(10), 2))
                .as(impl())
                .extracting(Deadline::order)
                .containsExactly(first, second);
    }

    @Test
    void completing_all_of_a_saga_leaves_other_sagas_alone() {
        OrderId ended = order();
        OrderId other = order();
        deadlines.schedule(ended, 1, T0);
        deadlines.schedule(ended, 2, T0);
        deadlines.schedule(other, 1, T0);

        deadlines.completeAll(ended);

        assertThat(deadlines.pending()).as(impl()).extracting(Deadline::order).containsExactly(other);
    }
}
