package org.bookworm.ordering.adapter.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;

/** One event as one line of JSON, in the shape of {@link EventDump}'s lines, payment tokens redacted. */
final class EventJson {
    private final EventCodec codec;
    private final ObjectMapper mapper;

    EventJson(EventCodec codec) {
        this.codec = codec;
        this.mapper = codec.mapper();
    }

    String line(RecordedEvent recorded) {
        var encoded = codec.encode(recorded.event());
        var line = mapper.createObjectNode()
                .put("position", recorded.position().position())
                .put("transaction", recorded.position().transaction())
                .put("stream", recorded.stream().toString())
                .put("version", recorded.version())
                .put("eventId", recorded.eventId().toString())
                .put("type", encoded.type())
                .put("schemaVersion", encoded.schemaVersion())
                .put("recordedAt", recorded.recordedAt().toString());
        try {
            line.set("data", mapper.readTree(Redaction.redact(encoded.json())));
            line.set("metadata", mapper.readTree(codec.write(recorded.metadata())));
            return mapper.writeValueAsString(line);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot write event " + recorded.eventId() + " as JSON", impossible);
        }
    }
}
