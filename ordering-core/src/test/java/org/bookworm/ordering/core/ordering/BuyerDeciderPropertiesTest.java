package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.testing.BuyerGen;
import org.bookworm.ordering.core.testing.Property;
import org.bookworm.ordering.core.testing.Property.Shrink;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** Properties of the buyer decider over random command sequences for one buyer. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class BuyerDeciderPropertiesTest {
    private static final BuyerDecider DECIDER = new BuyerDecider();

    @Test
    void decisions_fold_without_error_to_what_the_commands_say_and_refusals_change_nothing() {
        Property.check("buyer sequences", Property.DEFAULT_TRIES, BuyerGen::commands, Shrink.lists(), commands -> {
            BuyerState state = DECIDER.initialState();
            var events = new ArrayList<BuyerEvent>();
            for (BuyerCommand command : commands) {
                Decision<BuyerEvent, BuyerRejection> decision = DECIDER.decide(command, state);
                BuyerState after = DECIDER.fold(state, decision.events());
                assertThat(decision.events()).hasSizeLessThanOrEqualTo(1);
                switch (command) {
                    case BuyerCommand.CreateBuyer create ->
                        assertThat(after)
                                .isEqualTo(
                                        state instanceof BuyerState.Active
                                                ? state
                                                : new BuyerState.Active(
                                                        create.buyerId(),
                                                        create.name(),
                                                        create.email(),
                                                        create.address()));
                    case BuyerCommand.UpdateBuyerAddress update -> {
                        if (state instanceof BuyerState.Active active) {
                            assertThat(after)
                                    .isEqualTo(new BuyerState.Active(
                                            active.id(), active.name(), active.email(), update.address()));
                            // the same address again is a retry: accepted, no event
                            assertThat(decision.events().isEmpty())
                                    .isEqualTo(active.address().equals(update.address()));
                        } else {
                            assertThat(decision)
                                    .isEqualTo(Decision.reject(new BuyerRejection.UnknownBuyer(update.buyerId())));
                        }
                    }
                    case BuyerCommand.DeleteBuyer delete ->
                        assertThat(after)
                                .isEqualTo(
                                        state instanceof BuyerState.Active
                                                ? new BuyerState.Deleted(delete.buyerId())
                                                : state);
                }
                if (!decision.accepted()) {
                    assertThat(after).isEqualTo(state);
                }
                events.addAll(decision.events());
                state = after;
            }
            assertThat(DECIDER.fold(List.copyOf(events))).isEqualTo(state);
        });
    }
}
