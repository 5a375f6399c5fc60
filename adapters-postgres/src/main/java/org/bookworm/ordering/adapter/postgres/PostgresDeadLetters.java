package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookworm.ordering.core.port.DeadLetters;
import org.bookworm.ordering.core.port.RecordedEvent;
import org.bookworm.ordering.core.port.StreamId;
import org.bookworm.ordering.core.port.StreamType;

/**
 * Parked events per subscription. A dead letter keeps the event's id and its error; the event itself stays in the
 * log, which is read back (leniently, so even an unreadable event can be listed) when letters are listed.
 */
final class PostgresDeadLetters implements DeadLetters {
    private static final String PARK = "INSERT INTO eventstore.dead_letters (subscription, event_id, global_position,"
            + " stream_type, stream_id, version, error) VALUES (?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (subscription, event_id) DO NOTHING";
    private static final String STREAMS =
            "SELECT DISTINCT stream_type, stream_id FROM eventstore.dead_letters WHERE subscription = ?";
    private static final String LIST = "SELECT d.error, " + prefixed() + " FROM eventstore.dead_letters d"
            + " JOIN eventstore.events e ON e.event_id = d.event_id WHERE d.subscription = ? ORDER BY d.global_position";

    private final DataSource dataSource;
    private final EventCodec codec;

    PostgresDeadLetters(DataSource dataSource, EventCodec codec) {
        this.dataSource = dataSource;
        this.codec = codec;
    }

    private static String prefixed() {
        return "e.global_position, e.tx_id::text AS tx, e.stream_type, e.stream_id, e.version, e.event_id, e.type,"
                + " e.schema_version, e.data::text AS data, e.metadata::text AS metadata, e.recorded_at";
    }

    @Override
    public void park(String subscription, RecordedEvent event, String error) {
        Jdbc.withConnection(dataSource, "park a dead letter", c -> {
            park(c, subscription, event, error);
            return null;
        });
    }

    static void park(Connection c, String subscription, RecordedEvent event, String error) throws SQLException {
        Jdbc.update(c, PARK, ps -> {
            ps.setString(1, subscription);
            ps.setObject(2, event.eventId());
            ps.setLong(3, event.position().position());
            ps.setString(4, event.stream().type().prefix());
            ps.setObject(5, event.stream().id());
            ps.setInt(6, (int) event.version());
            ps.setString(7, error.replace('\u0000', '?'));
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
                        rs -> new DeadLetter(subscription, EventRows.read(rs, codec, true), rs.getString("error"))));
    }
}
