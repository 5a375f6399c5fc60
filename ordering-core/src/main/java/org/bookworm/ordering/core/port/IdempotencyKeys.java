package org.bookworm.ordering.core.port;

import java.time.Instant;
import java.util.Optional;

/** Driven port: client request keys and the answers they got. Claims happen inside {@link EventStore#append}. */
public interface IdempotencyKeys {

    Optional<IdempotencyRecord> find(String scope, String key);

    /** Removes keys created before {@code cutoff}; returns how many. */
    int purgeOlderThan(Instant cutoff);
}
