package org.bookworm.ordering.archfixture.ordering;

import org.bookworm.ordering.archfixture.basket.GadgetReserved;
import org.bookworm.ordering.archfixture.basket.GadgetService;
import org.bookworm.ordering.archfixture.basket.GadgetState;
import org.bookworm.ordering.archfixture.basket.Gadgets;

/** Uses another service's port and message (allowed), and its implementation and state (violations on purpose). */
final class GadgetOrders {
    GadgetReserved throughThePort(Gadgets gadgets) {
        return gadgets.reserve("g-1");
    }

    boolean intoItsInternals() {
        return new GadgetService().state("g-1") instanceof GadgetState.Held;
    }
}
