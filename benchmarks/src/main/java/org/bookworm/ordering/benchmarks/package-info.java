/**
 * Benchmarks, never shipped: JMH micro-benchmarks of the pure core and a load driver that runs the same workloads
 * against our event store, Axon Framework 4.13's JDBC engine and a hand-written raw-JDBC floor on one PostgreSQL.
 */
@NullMarked
package org.bookworm.ordering.benchmarks;

import org.jspecify.annotations.NullMarked;
