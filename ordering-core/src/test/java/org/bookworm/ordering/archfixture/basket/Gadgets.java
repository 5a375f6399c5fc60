package org.bookworm.ordering.archfixture.basket;

/** The fixture service's port: other services may use it. */
public interface Gadgets {
    GadgetReserved reserve(String gadget);
}
