/**
 * Redis adapters (Lettuce): baskets and version-stamped caches, the data that may be lost or rebuilt and never the
 * record of an order. The entry point is {@link org.bookworm.ordering.adapter.redis.RedisAdapters}.
 */
@NullMarked
package org.bookworm.ordering.adapter.redis;

import org.jspecify.annotations.NullMarked;
