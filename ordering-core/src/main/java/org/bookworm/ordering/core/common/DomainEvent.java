package org.bookworm.ordering.core.common;

/** Marker of every event that an event-sourced aggregate appends to its stream. */
public interface DomainEvent {}
