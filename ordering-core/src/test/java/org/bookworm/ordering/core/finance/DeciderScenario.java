package org.bookworm.ordering.core.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bookworm.ordering.core.eventsourcing.Decider;
import org.bookworm.ordering.core.eventsourcing.Decision;

/** Given past events, when a command, then new events or a rejection: the decider test vocabulary. */
final class DeciderScenario<C, S, E, R> {
    private final Decider<C, S, E, R> decider;
    private final S state;
    private Decision<E, R> decision;

    private DeciderScenario(Decider<C, S, E, R> decider, List<? extends E> history) {
        this.decider = decider;
        this.state = decider.fold(history);
    }

    static <C, S, E, R> DeciderScenario<C, S, E, R> given(Decider<C, S, E, R> decider, List<? extends E> history) {
        return new DeciderScenario<>(decider, history);
    }

    DeciderScenario<C, S, E, R> when(C command) {
        decision = decider.decide(command, state);
        return this;
    }

    S then(List<? extends E> events) {
        assertThat(decision).as("decision").isInstanceOf(Decision.Accepted.class);
        assertThat(decision.events()).as("events").containsExactlyElementsOf(events);
        return decider.fold(state, decision.events());
    }

    /** The state after deciding {@code command} on {@code from} and folding what it decided. */
    S evolveFrom(S from, C command) {
        return decider.fold(from, decider.decide(command, from).events());
    }

    void thenNothing() {
        then(List.of());
    }

    void thenRejectedWith(R reason) {
        assertThat(decision).isEqualTo(Decision.reject(reason));
    }
}
