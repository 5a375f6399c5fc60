package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookworm.ordering.core.common.DomainEvent;
import org.bookworm.ordering.core.port.DeadLetters;
import org.bookworm.ordering.core.port.LogPosition;
import org.bookworm.ordering.core.port.RecordedEvent;
import org.bookworm.ordering.core.port.StreamId;
import org.bookworm.ordering.core.port.StreamType;

/**
 * Parked events per subscription, each with its error, listed in parking order. The event is kept whole (an
 * unreadable one with its raw payload), and parking the same event twice for one subscription keeps the first.
 */
final class PostgresDeadLetters implements DeadLetters {
    private static final String PARK = "INSERT INTO eventstore.dead_letters (subscription, event_id, log_tx,"
            + " log_position, stream_type, stream_id, version, type, schema_version, data, metadata, recorded_at, error)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) ON CONFLICT (subscription, event_id) DO NOTHING";
    private static final String STREAMS =
            "SELECT DISTINCT stream_type, stream_id FROM eventstore.dead_letters WHERE subscription = ?";
    private static final String LIST = "SELECT event_id, log_tx, log_position, stream_type, stream_id, version, type,"
            + " schema_version, data::text AS data, metadata::text AS metadata, recorded_at, error"
            + " FROM eventstore.dead_letters WHERE subscription = ? ORDER BY seq";

    private final DataSource dataSource;
    private final EventCodec codec;

    PostgresDeadLetters(DataSource dataSource, EventCodec codec) {
        this.dataSource = dataSource;
        this.codec = codec;
    }

    @Override
    public void park(String subscription, RecordedEvent event, String error) {
        Jdbc.withConnection(dataSource, "park a dead letter", c -> {
            park(c, codec, subscription, event, error);
            return null;
        });
    }

    static void park(Connection c, EventCodec codec, String subscription, RecordedEvent event, String error)
            throws SQLException {
        EventCodec.Encoded encoded = codec.encode(event.event());
        Jdbc.update(c, PARK, ps -> {
            ps.setString(1, subscription);
            ps.setObject(2, event.eventId());
            ps.setLong(3, event.position().transaction());
            ps.setLong(4, event.position().position());
            ps.setString(5, event.stream().type().prefix());
            ps.setObject(6, event.stream().id());
            ps.setLong(7, event.version());
            ps.setString(8, encoded.type());
            ps.setInt(9, encoded.schemaVersion());
            ps.setString(10, encoded.json());
            ps.setString(11, codec.write(event.metadata()));
            ps.setString(12, event.recordedAt().toString());
            // PostgreSQL text refuses NUL; an error message must never make parking fail
            ps.setString(13, error.replace('\u0000', '?'));
        });
    }

    @Override
    public Set<StreamId> parkedStreams(String subscription) {
        return Jdbc.withConnection(dataSource, "list parked streams", c -> parkedStreams(c, subscription));
    }

    static Set<StreamId> parkedStreams(Connection c, String subscription) throws SQLException {
        return Set.copyOf(Jdbc.query(
                c,
                STREAMS,
                ps -> ps.setString(1, subscription),
                rs -> new StreamId(StreamType.fromPrefix(rs.getString(1)), rs.getObject(2, UUID.class))));
    }

    @Override
    public List<DeadLetter> list(String subscription) {
        return Jdbc.withConnection(
                dataSource,
                "list dead letters",
                c -> Jdbc.query(
                        c,
                        LIST,
                        ps -> ps.setString(1, subscription),
                        rs -> new DeadLetter(subscription, read(rs), rs.getString("error"))));
    }

    private RecordedEvent read(ResultSet rs) throws SQLException {
        String type = rs.getString("type");
        int schemaVersion = rs.getInt("schema_version");
        String json = rs.getString("data");
        DomainEvent event;
        try {
            event = codec.decode(type, schemaVersion, json);
        } catch (RuntimeException unreadable) {
            event = new UnreadableEvent(type, schemaVersion, json, String.valueOf(unreadable));
        }
        return new RecordedEvent(
                new LogPosition(rs.getLong("log_tx"), rs.getLong("log_position")),
                new StreamId(StreamType.fromPrefix(rs.getString("stream_type")), rs.getObject("stream_id", UUID.class)),
                rs.getLong("version"),
                rs.getObject("event_id", UUID.class),
                event,
                codec.readMetadata(rs.getString("metadata")),
                Instant.parse(rs.getString("recorded_at")));
    }
}
