package org.bookworm.ordering.core.eventsourcing;

/** Driven port: how far each subscription has handled the global log. */
public interface Checkpoints {

    /** The last position handled, or {@link LogPosition#START}. */
    LogPosition load(String subscription);

    void save(String subscription, LogPosition position);
}
