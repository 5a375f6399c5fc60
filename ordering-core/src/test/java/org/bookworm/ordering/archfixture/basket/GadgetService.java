package org.bookworm.ordering.archfixture.basket;

/** The fixture service's implementation: no other service may call it. */
public final class GadgetService implements Gadgets {
    @Override
    public GadgetReserved reserve(String gadget) {
        return new GadgetReserved(gadget);
    }

    public GadgetState state(String gadget) {
        return new GadgetState.Held(gadget);
    }
}
