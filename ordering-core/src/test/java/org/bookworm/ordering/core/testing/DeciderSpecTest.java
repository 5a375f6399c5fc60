package org.bookworm.ordering.core.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bookworm.ordering.core.testing.DeciderSpec.given;
import static org.bookworm.ordering.core.testing.OrderSamples.CONFIRMED;
import static org.bookworm.ordering.core.testing.OrderSamples.ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.PLACED;
import static org.bookworm.ordering.core.testing.OrderSamples.PLACED_ORDER;
import static org.bookworm.ordering.core.testing.OrderSamples.T5;

import java.util.List;
import org.bookworm.ordering.core.ordering.OrderCommand.ConfirmOrder;
import org.bookworm.ordering.core.ordering.OrderDecider;
import org.bookworm.ordering.core.ordering.OrderEvent.OrderConfirmed;
import org.bookworm.ordering.core.ordering.OrderRejection.AlreadyPlaced;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The spec vocabulary fails loudly, and says what was given, what was asked and what happened. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class DeciderSpecTest {
    private static final OrderDecider DECIDER = new OrderDecider();
    private static final ConfirmOrder CONFIRM = new ConfirmOrder(ORDER, T5);

    @Test
    void other_events_than_expected_fail_with_given_when_and_what_happened() {
        assertThatThrownBy(() -> given(DECIDER, PLACED_ORDER).when(CONFIRM).then(List.of()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("given: [OrderPlaced[")
                .hasMessageContaining("when:  ConfirmOrder[")
                .hasMessageContaining("but it was accepted with [OrderConfirmed[");
    }

    @Test
    void an_expected_rejection_that_is_an_acceptance_fails() {
        assertThatThrownBy(() -> given(DECIDER, PLACED_ORDER).when(CONFIRM).thenRejectedWith(new AlreadyPlaced(ORDER)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected the rejection AlreadyPlaced");
    }

    @Test
    void a_rejection_is_not_nothing_happening() {
        assertThatThrownBy(() ->
                        given(DECIDER, List.of(PLACED, CONFIRMED)).when(CONFIRM).thenNothingHappens())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("but it was rejected with NotAllowed");
    }

    @Test
    void a_history_the_decider_cannot_fold_is_a_broken_fixture() {
        assertThatThrownBy(() -> given(DECIDER, List.of(new OrderConfirmed(ORDER, CONFIRMED.order(), T5)))
                        .when(CONFIRM))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("the given history cannot be folded");
    }
}
