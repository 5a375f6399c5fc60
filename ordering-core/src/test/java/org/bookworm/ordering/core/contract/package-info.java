/**
 * The conformance kit of the core's driven ports: one abstract suite per port, shipped in the core's test-jar. An
 * implementation runs a suite with a one-method subclass that hands out a fresh, empty fixture per test; suites are
 * never skipped.
 */
@NullMarked
package org.bookworm.ordering.core.contract;

import org.jspecify.annotations.NullMarked;
