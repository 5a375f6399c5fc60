package org.bookworm.ordering.archfixture.basket;

import org.bookworm.ordering.core.common.Published;

/** A message the fixture service publishes: other services may use it. */
@Published
public record GadgetReserved(String gadget) {}
