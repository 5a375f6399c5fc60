package org.bookworm.ordering.adapter.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.StreamType;

/**
 * Reads stored event rows; every query that returns events selects {@link #COLUMNS}, in that order, and rows are read
 * by column index (pgjdbc's lookup by name costs a map lookup per column per row). The two jsonb columns are taken
 * as the UTF-8 bytes the driver received ({@code getBytes} on a text column makes no string), and the codec parses
 * those bytes directly.
 */
final class EventRows {
    // jsonb as text: the server's work is the same (jsonb_out), and a text column's bytes are its UTF-8 text whether
    // the driver receives it in text or binary format; jsonb's binary format would start with a version byte.
    static final String COLUMNS = "global_position, tx_id::text::int8 AS tx, stream_type, stream_id, version, event_id,"
            + " type, schema_version, data::text AS data, metadata::text AS metadata, recorded_at";

    /**
     * {@link #COLUMNS} with the metadata left out (a null in its place, so the columns keep their indexes): what a
     * rebuild reads, since no projector looks at it ({@link RebuildLog}).
     */
    static final String COLUMNS_WITHOUT_METADATA =
            COLUMNS.replace("metadata::text AS metadata", "NULL::text AS metadata");

    /** How many columns {@link #COLUMNS} selects. */
    static final int COLUMN_COUNT = 11;

    private static final int POSITION = 1;
    private static final int TX = 2;
    private static final int STREAM_TYPE = 3;
    private static final int STREAM_ID = 4;
    private static final int VERSION = 5;
    private static final int EVENT_ID = 6;
    private static final int TYPE = 7;
    private static final int SCHEMA_VERSION = 8;
    private static final int DATA = 9;
    private static final int METADATA = 10;
    private static final int RECORDED_AT = 11;

    private EventRows() {}

    /**
     * A row as received and not yet decoded: the part of a read that waits on the server, so a read ahead can fetch
     * the next page while the caller decodes this one.
     */
    record StoredRow(
            LogPosition position,
            StreamId stream,
            int version,
            UUID eventId,
            String type,
            int schemaVersion,
            byte[] data,
            byte[] metadata,
            OffsetDateTime recordedAt) {}

    static StoredRow stored(ResultSet rs) throws SQLException {
        return new StoredRow(
                new LogPosition(rs.getLong(TX), rs.getLong(POSITION)),
                new StreamId(StreamType.of(rs.getString(STREAM_TYPE)), rs.getObject(STREAM_ID, UUID.class)),
                rs.getInt(VERSION),
                rs.getObject(EVENT_ID, UUID.class),
                rs.getString(TYPE),
                rs.getInt(SCHEMA_VERSION),
                rs.getBytes(DATA),
                rs.getBytes(METADATA),
                rs.getObject(RECORDED_AT, OffsetDateTime.class));
    }

    /** Reads and decodes one row. */
    static RecordedEvent read(ResultSet rs, EventCodec codec, boolean lenient) throws SQLException {
        return decode(stored(rs), codec, lenient);
    }

    /** Decodes one row; a row the codec cannot read becomes an {@link UnreadableEvent} when {@code lenient}. */
    static RecordedEvent decode(StoredRow row, EventCodec codec, boolean lenient) {
        return decode(row, codec, lenient, codec.readMetadata(row.metadata()));
    }

    /** As above, for the rows of one read in order: a run of rows with the same metadata parses it once. */
    static RecordedEvent decode(StoredRow row, EventCodec codec, boolean lenient, RepeatedMetadata metadata) {
        return decode(row, codec, lenient, metadata.read(row.metadata()));
    }

    /** Decodes one row whose metadata the caller has decoded already. */
    static RecordedEvent decode(StoredRow row, EventCodec codec, boolean lenient, Metadata metadata) {
        DomainEvent event;
        try {
            event = codec.decode(row.type(), row.schemaVersion(), row.data());
        } catch (RuntimeException unreadable) {
            if (!lenient) {
                throw unreadable;
            }
            event = new UnreadableEvent(
                    row.type(),
                    row.schemaVersion(),
                    new String(row.data(), StandardCharsets.UTF_8),
                    String.valueOf(unreadable));
        }
        return recorded(row, event, metadata);
    }

    /** The row as the event it stores, once its payload and metadata are decoded (by any reader). */
    static RecordedEvent recorded(StoredRow row, DomainEvent event, Metadata metadata) {
        return new RecordedEvent(
                row.position(),
                row.stream(),
                row.version(),
                row.eventId(),
                event,
                metadata,
                row.recordedAt().toInstant());
    }
}
