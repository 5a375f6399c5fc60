package org.bookworm.ordering.adapter.postgres;

import org.bookworm.ordering.core.eventsourcing.UndecodableEvent;

/**
 * A stored event this reader cannot decode (unknown type, newer schema, broken payload), with its raw payload. The
 * global log hands it out instead of stalling, so a subscription can park it as a dead letter with its error and keep
 * going.
 */
record UnreadableEvent(String type, int schemaVersion, String json, String error) implements UndecodableEvent {}
