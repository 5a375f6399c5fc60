package org.bookworm.ordering.core.inmemory;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bookworm.ordering.core.eventsourcing.VersionedCache;

/** A versioned cache in a map: an older version never replaces a newer one. */
public final class InMemoryVersionedCache<K, V> implements VersionedCache<K, V> {
    private final ConcurrentHashMap<K, Versioned<V>> entries = new ConcurrentHashMap<>();

    @Override
    public Optional<Versioned<V>> get(K key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public void put(K key, long version, V value) {
        entries.merge(key, new Versioned<>(version, value), (old, neu) -> neu.version() > old.version() ? neu : old);
    }

    @Override
    public void invalidate(K key) {
        entries.remove(key);
    }
}
