package org.bookworm.ordering.core.eventsourcing;

/** Marker of every event that an event-sourced aggregate appends to its stream. */
public interface DomainEvent {}
