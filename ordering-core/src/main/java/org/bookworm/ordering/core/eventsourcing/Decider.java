package org.bookworm.ordering.core.eventsourcing;

import java.util.List;

/**
 * A pure decider: {@code decide} turns a command and the current state into events or a rejection, {@code evolve}
 * folds one event into the state. Neither reads a clock, a random source or any I/O: time and ids arrive on the
 * command, and the application service stamps event ids.
 *
 * @param <C> commands
 * @param <S> states
 * @param <E> events
 * @param <R> rejections
 */
public interface Decider<C, S, E, R> {

    S initialState();

    Decision<E, R> decide(C command, S state);

    /** Folds one event; an event that cannot follow the state is a corrupt stream and throws. */
    S evolve(S state, E event);

    /** A terminal state accepts no command that changes the aggregate's life cycle. */
    boolean isTerminal(S state);

    default S fold(List<? extends E> events) {
        S state = initialState();
        for (E event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    default S fold(S from, List<? extends E> events) {
        S state = from;
        for (E event : events) {
            state = evolve(state, event);
        }
        return state;
    }
}
