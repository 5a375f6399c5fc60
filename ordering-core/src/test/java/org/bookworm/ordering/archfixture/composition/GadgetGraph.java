package org.bookworm.ordering.archfixture.composition;

import org.bookworm.ordering.archfixture.basket.GadgetService;
import org.bookworm.ordering.archfixture.basket.Gadgets;

/** The fixture's composition: it sees every service, and a service reaches back into it on purpose. */
public final class GadgetGraph {
    private GadgetGraph() {}

    public static Gadgets gadgets() {
        return new GadgetService();
    }
}
