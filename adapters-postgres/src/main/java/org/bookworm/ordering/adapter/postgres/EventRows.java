package org.bookworm.ordering.adapter.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.bookworm.ordering.core.common.DomainEvent;
import org.bookworm.ordering.core.port.LogPosition;
import org.bookworm.ordering.core.port.RecordedEvent;
import org.bookworm.ordering.core.port.StreamId;
import org.bookworm.ordering.core.port.StreamType;

/** Reads stored event rows; every query that returns events selects {@link #COLUMNS}. */
final class EventRows {
    static final String COLUMNS = "global_position, tx_id::text AS tx, stream_type, stream_id, version, event_id, type,"
            + " schema_version, data::text AS data, metadata::text AS metadata, recorded_at";

    private EventRows() {}

    /** Decodes one row; a row the codec cannot read becomes an {@link UnreadableEvent} when {@code lenient}. */
    static RecordedEvent read(ResultSet rs, EventCodec codec, boolean lenient) throws SQLException {
        String type = rs.getString("type");
        int schemaVersion = rs.getInt("schema_version");
        String json = rs.getString("data");
        DomainEvent event;
        try {
            event = codec.decode(type, schemaVersion, json);
        } catch (RuntimeException unreadable) {
            if (!lenient) {
                throw unreadable;
            }
            event = new UnreadableEvent(type, schemaVersion, json, String.valueOf(unreadable));
        }
        return new RecordedEvent(
                new LogPosition(Long.parseLong(rs.getString("tx")), rs.getLong("global_position")),
                new StreamId(StreamType.fromPrefix(rs.getString("stream_type")), rs.getObject("stream_id", UUID.class)),
                rs.getInt("version"),
                rs.getObject("event_id", UUID.class),
                event,
                codec.readMetadata(rs.getString("metadata")),
                rs.getObject("recorded_at", java.time.OffsetDateTime.class).toInstant());
    }
}
