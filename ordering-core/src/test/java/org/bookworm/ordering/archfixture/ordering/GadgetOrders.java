package org.bookworm.ordering.archfixture.ordering;

import org.bookworm.ordering.archfixture.basket.GadgetReserved;
import org.bookworm.ordering.archfixture.basket.GadgetService;
import org.bookworm.ordering.archfixture.basket.GadgetState;
import org.bookworm.ordering.archfixture.basket.Gadgets;
import org.bookworm.ordering.archfixture.composition.GadgetGraph;

/**
 * Uses another service's port and message (allowed), and its implementation and state and the composition (violations
 * on purpose).
 */
final class GadgetOrders {
    GadgetReserved throughThePort(Gadgets gadgets) {
        return gadgets.reserve("g-1");
    }

    boolean intoItsInternals() {
        return new GadgetService().state("g-1") instanceof GadgetState.Held;
    }

    Gadgets fromTheComposition() {
        return GadgetGraph.gadgets();
    }
}
