package org.bookworm.ordering.core.eventsourcing;

import java.util.Optional;

/**
 * Driven port: a cache-aside store of values stamped with the version of what they were read from. A write never
 * replaces a newer version, so a slow writer cannot put a stale value back. Errors are the implementation's to
 * count and swallow: a cache that is down answers empty and writes nothing. Populate or invalidate only after the
 * system of record committed. Every implementation passes {@code VersionedCacheContract}.
 */
public interface VersionedCache<K, V> {

    record Versioned<V>(long version, V value) {}

    Optional<Versioned<V>> get(K key);

    /** Stores the value unless a version at least as new is cached. */
    void put(K key, long version, V value);

    void invalidate(K key);
}
