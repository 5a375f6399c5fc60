package org.bookworm.ordering.archfixture.basket;

/** The fixture service's decider state: no other service may see it. */
public sealed interface GadgetState {
    record Free() implements GadgetState {}

    record Held(String by) implements GadgetState {}
}
