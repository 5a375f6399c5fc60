/**
 * Test support shipped in the core's test-jar: the given/when/then vocabulary for deciders ({@link
 * org.bookworm.ordering.core.testing.DeciderSpec}), the seeded property harness ({@link
 * org.bookworm.ordering.core.testing.Property}) and sample data and generators for orders.
 */
@NullMarked
package org.bookworm.ordering.core.testing;

import org.jspecify.annotations.NullMarked;
