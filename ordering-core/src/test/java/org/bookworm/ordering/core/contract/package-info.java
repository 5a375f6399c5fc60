/** Conformance suites: one abstract suite per driven port, run against every implementation and never skipped. */
@NullMarked
package org.bookworm.ordering.core.contract;

import org.jspecify.annotations.NullMarked;
