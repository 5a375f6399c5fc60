package org.bookworm.ordering.core.testing;

import java.util.List;
import java.util.Objects;
import org.bookworm.ordering.core.eventsourcing.Decider;
import org.bookworm.ordering.core.eventsourcing.Decision;

/**
 * Given/when/then for any {@link Decider}: {@code given(decider, pastEvents).when(command).then(expectedEvents)}.
 * The past events are folded with the decider's own {@code evolve}, so a history the decider cannot fold fails the
 * test as a broken fixture. Every failure prints the history, the command and what actually happened.
 */
public final class DeciderSpec {
    private DeciderSpec() {}

    public static <C, S, E, R> Given<C, S, E, R> given(Decider<C, S, E, R> decider, List<? extends E> pastEvents) {
        return new Given<>(decider, List.copyOf(pastEvents));
    }

    /** The history of the aggregate before the command. */
    public static final class Given<C, S, E, R> {
        private final Decider<C, S, E, R> decider;
        private final List<E> past;

        private Given(Decider<C, S, E, R> decider, List<E> past) {
            this.decider = decider;
            this.past = past;
        }

        /** The state the history folds to. */
        public S state() {
            try {
                return decider.fold(past);
            } catch (RuntimeException broken) {
                throw new AssertionError("the given history cannot be folded: " + past, broken);
            }
        }

        public When<C, S, E, R> when(C command) {
            Objects.requireNonNull(command, "command");
            S state = state();
            return new When<>(decider, past, state, command, decider.decide(command, state));
        }
    }

    /** The decision to check. */
    public static final class When<C, S, E, R> {
        private final Decider<C, S, E, R> decider;
        private final List<E> past;
        private final S state;
        private final C command;
        private final Decision<E, R> decision;

        private When(Decider<C, S, E, R> decider, List<E> past, S state, C command, Decision<E, R> decision) {
            this.decider = decider;
            this.past = past;
            this.state = state;
            this.command = command;
            this.decision = decision;
        }

        public Decision<E, R> decision() {
            return decision;
        }

        /**
         * The command is accepted with exactly these events, in this order, and the decider can fold them onto the
         * state it decided on. Returns the state after them, for further checks.
         */
        public S then(List<? extends E> expectedEvents) {
            if (!(decision instanceof Decision.Accepted<E, R> accepted)) {
                throw failure("expected the events " + expectedEvents);
            }
            if (!accepted.events().equals(List.copyOf(expectedEvents))) {
                throw failure("expected the events " + expectedEvents);
            }
            try {
                return decider.fold(state, accepted.events());
            } catch (RuntimeException cannotFold) {
                throw new AssertionError(describe("the decided events cannot be folded onto the state"), cannotFold);
            }
        }

        /** The command is accepted with exactly one event. */
        public S then(E expectedEvent) {
            return then(List.of(expectedEvent));
        }

        /** The command is refused for exactly this reason. */
        public void thenRejectedWith(R expectedReason) {
            if (!(decision instanceof Decision.Rejected<E, R> rejected)
                    || !rejected.reason().equals(expectedReason)) {
                throw failure("expected the rejection " + expectedReason);
            }
        }

        /** The command is accepted and changes nothing: no events (a retried or no-op command). */
        public void thenNothingHappens() {
            if (!(decision instanceof Decision.Accepted<E, R> accepted)
                    || !accepted.events().isEmpty()) {
                throw failure("expected no events and no rejection");
            }
        }

        private AssertionError failure(String expectation) {
            return new AssertionError(describe(expectation));
        }

        private String describe(String expectation) {
            String happened = switch (decision) {
                case Decision.Accepted<E, R> accepted -> "accepted with " + accepted.events();
                case Decision.Rejected<E, R> rejected -> "rejected with " + rejected.reason();
            };
            return expectation + "\n  given: " + past + "\n  state: " + state + "\n  when:  " + command
                    + "\n  but it was " + happened;
        }
    }
}
