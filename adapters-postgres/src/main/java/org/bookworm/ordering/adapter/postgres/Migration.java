package org.bookworm.ordering.adapter.postgres;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A migration, applied or pending: version, description, Flyway's state, when applied, the schemas it spans. */
public record Migration(
        String version,
        String description,
        String state,
        @Nullable Instant installedOn,
        String schemas) {}
