package org.bookworm.ordering.core.eventsourcing;

import java.util.UUID;

/** Driven port: new ids for orders and events. Production ids are UUIDv7 (time-ordered). */
public interface IdGenerator {
    UUID next();
}
