/**
 * The composition of the service graph: given the ports (stores, gateways, the mailer) and the settings (clock, ids,
 * timeouts, lanes), {@link org.bookworm.ordering.core.composition.ServiceGraph} builds every service, reactor and
 * subscription of the four services once. The in-memory world, {@code ordering serve} and the PostgreSQL test fixture
 * all use it; they differ only in the ports they hand in. It is the one core package that sees all four services, as a
 * composition must; no service package depends on it.
 */
@NullMarked
package org.bookworm.ordering.core.composition;

import org.jspecify.annotations.NullMarked;
