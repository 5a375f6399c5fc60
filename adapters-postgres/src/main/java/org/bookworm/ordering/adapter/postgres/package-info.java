/**
 * The PostgreSQL adapters: the event store, the xid8 global log reader, checkpoints, dead letters, snapshots and the
 * read models. {@link org.bookworm.ordering.adapter.postgres.PostgresAdapters} is the one entry point for wiring.
 */
@NullMarked
package org.bookworm.ordering.adapter.postgres;

import org.jspecify.annotations.NullMarked;
