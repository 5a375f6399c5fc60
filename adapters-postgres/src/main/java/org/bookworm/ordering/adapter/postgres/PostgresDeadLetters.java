package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.StreamType;

/**
 * Held lanes per subscription: the lane's state in {@code eventstore.held_lanes}, its events in {@code
 * eventstore.dead_letters} in log order. The event is kept whole (an unreadable one with its raw payload). Each
 * operation is one transaction of its own, or part of the batch's when a {@link PostgresUnitOfWork} runs one on the
 * calling thread (a projection holds its events in the transaction of its rows and checkpoint).
 */
final class PostgresDeadLetters implements DeadLetters {
    private static final String NEW_LANE = "INSERT INTO eventstore.held_lanes (subscription, lane, status, attempts,"
            + " next_attempt_at, error) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (subscription, lane) DO NOTHING";
    // only at the lane's tail: an event older than the lane's last one was handled (or is held) already
    private static final String HOLD = "INSERT INTO eventstore.dead_letters (subscription, event_id, log_tx,"
            + " log_position, stream_type, stream_id, version, type, schema_version, data, metadata, recorded_at, error)"
            + " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ? WHERE NOT EXISTS (SELECT 1 FROM"
            + " eventstore.dead_letters WHERE subscription = ? AND stream_id = ? AND (log_tx, log_position) >= (?, ?))"
            + " ON CONFLICT (subscription, event_id) DO NOTHING";
    private static final String UPDATE = "UPDATE eventstore.held_lanes SET status = ?, attempts = ?,"
            + " next_attempt_at = ?, error = ? WHERE subscription = ? AND lane = ?";
    private static final String RELEASE = "DELETE FROM eventstore.dead_letters WHERE subscription = ? AND event_id = ?";
    private static final String END_IF_EMPTY = "DELETE FROM eventstore.held_lanes l WHERE subscription = ?"
            + " AND lane = ? AND NOT EXISTS (SELECT 1 FROM eventstore.dead_letters d"
            + " WHERE d.subscription = l.subscription AND d.stream_id = l.lane)";
    /** A lane's columns, as {@link #lane} reads them, from {@code eventstore.held_lanes l}. */
    static final String LANE_COLUMNS = "l.lane, l.status, l.attempts, l.next_attempt_at, l.error, (SELECT count(*)"
            + " FROM eventstore.dead_letters d WHERE d.subscription = l.subscription AND d.stream_id = l.lane)"
            + " AS events";

    private static final String LANES =
            "SELECT " + LANE_COLUMNS + " FROM eventstore.held_lanes l WHERE subscription = ? ORDER BY seq";
    private static final String COLUMNS = "d.event_id, d.log_tx, d.log_position, d.stream_type, d.stream_id,"
            + " d.version, d.type, d.schema_version, d.data::text AS data, d.metadata::text AS metadata, d.recorded_at";
    private static final String EVENTS = "SELECT " + COLUMNS + " FROM eventstore.dead_letters d"
            + " WHERE subscription = ? AND stream_id = ? ORDER BY log_tx, log_position";
    private static final String LIST = "SELECT " + COLUMNS + ", l.status, l.error FROM eventstore.dead_letters d"
            + " JOIN eventstore.held_lanes l ON l.subscription = d.subscription AND l.lane = d.stream_id"
            + " WHERE d.subscription = ? ORDER BY l.seq, d.log_tx, d.log_position";
    private static final String DROP_EVENTS =
            "DELETE FROM eventstore.dead_letters WHERE subscription = ? AND stream_id = ?";
    private static final String DROP_LANE = "DELETE FROM eventstore.held_lanes WHERE subscription = ? AND lane = ?";

    private final DataSource dataSource;
    private final EventCodec codec;

    PostgresDeadLetters(DataSource dataSource, EventCodec codec) {
        this.dataSource = dataSource;
        this.codec = codec;
    }

    @Override
    public void hold(String subscription, RecordedEvent event, Hold hold) {
        Jdbc.inTransaction(dataSource, "hold an event", c -> {
            hold(c, codec, subscription, event, hold);
            return null;
        });
    }

    static void hold(Connection c, EventCodec codec, String subscription, RecordedEvent event, Hold hold)
            throws SQLException {
        Jdbc.update(c, NEW_LANE, ps -> {
            ps.setString(1, subscription);
            ps.setObject(2, event.stream().id());
            ps.setString(3, hold.status().name());
            ps.setInt(4, hold.attempts());
            ps.setObject(5, OffsetDateTime.ofInstant(hold.nextAttempt(), ZoneOffset.UTC));
            ps.setString(6, clean(hold.error()));
        });
        EventCodec.Encoded encoded = codec.encode(event.event());
        Jdbc.update(c, HOLD, ps -> {
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
            ps.setString(13, clean(hold.error()));
            ps.setString(14, subscription);
            ps.setObject(15, event.stream().id());
            ps.setLong(16, event.position().transaction());
            ps.setLong(17, event.position().position());
        });
    }

    @Override
    public boolean update(String subscription, UUID lane, Hold hold) {
        return Jdbc.withConnection(dataSource, "update a held lane", c -> update(c, subscription, lane, hold));
    }

    static boolean update(Connection c, String subscription, UUID lane, Hold hold) throws SQLException {
        return Jdbc.update(c, UPDATE, ps -> {
                    ps.setString(1, hold.status().name());
                    ps.setInt(2, hold.attempts());
                    ps.setObject(3, OffsetDateTime.ofInstant(hold.nextAttempt(), ZoneOffset.UTC));
                    ps.setString(4, clean(hold.error()));
                    ps.setString(5, subscription);
                    ps.setObject(6, lane);
                })
                > 0;
    }

    @Override
    public void release(String subscription, RecordedEvent event) {
        Jdbc.inTransaction(dataSource, "release a held event", c -> {
            release(c, subscription, event);
            return null;
        });
    }

    static void release(Connection c, String subscription, RecordedEvent event) throws SQLException {
        Jdbc.update(c, RELEASE, ps -> {
            ps.setString(1, subscription);
            ps.setObject(2, event.eventId());
        });
        Jdbc.update(c, END_IF_EMPTY, ps -> {
            ps.setString(1, subscription);
            ps.setObject(2, event.stream().id());
        });
    }

    @Override
    public List<Lane> lanes(String subscription) {
        return Jdbc.withConnection(dataSource, "list held lanes", c -> lanes(c, subscription));
    }

    static List<Lane> lanes(Connection c, String subscription) throws SQLException {
        return Jdbc.query(c, LANES, ps -> ps.setString(1, subscription), rs -> lane(subscription, rs));
    }

    /** Whether this store's rows live on {@code pool}: a pass can then load them with its checkpoints (ADR 0050). */
    boolean on(DataSource pool) {
        return dataSource == pool;
    }

    /** A held lane read from the columns {@code lane, status, attempts, next_attempt_at, error, events}. */
    static Lane lane(String subscription, ResultSet rs) throws SQLException {
        return new Lane(
                subscription,
                rs.getObject("lane", UUID.class),
                new Hold(
                        Status.valueOf(rs.getString("status")),
                        rs.getInt("attempts"),
                        rs.getObject("next_attempt_at", OffsetDateTime.class).toInstant(),
                        rs.getString("error")),
                rs.getInt("events"));
    }

    @Override
    public List<RecordedEvent> events(String subscription, UUID lane) {
        return Jdbc.withConnection(dataSource, "list a held lane", c -> events(c, codec, subscription, lane));
    }

    static List<RecordedEvent> events(Connection c, EventCodec codec, String subscription, UUID lane)
            throws SQLException {
        return Jdbc.query(
                c,
                EVENTS,
                ps -> {
                    ps.setString(1, subscription);
                    ps.setObject(2, lane);
                },
                rs -> read(codec, rs));
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
                        rs -> new DeadLetter(
                                subscription,
                                read(codec, rs),
                                Status.valueOf(rs.getString("status")),
                                rs.getString("error"))));
    }

    @Override
    public int drop(String subscription, UUID lane) {
        return Jdbc.inTransaction(dataSource, "drop a held lane", c -> {
            int events = Jdbc.update(c, DROP_EVENTS, ps -> {
                ps.setString(1, subscription);
                ps.setObject(2, lane);
            });
            Jdbc.update(c, DROP_LANE, ps -> {
                ps.setString(1, subscription);
                ps.setObject(2, lane);
            });
            return events;
        });
    }

    // PostgreSQL text refuses NUL; an error message must never make holding fail
    private static String clean(String error) {
        return error.replace('\u0000', '?');
    }

    private static RecordedEvent read(EventCodec codec, ResultSet rs) throws SQLException {
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
                new StreamId(StreamType.of(rs.getString("stream_type")), rs.getObject("stream_id", UUID.class)),
                rs.getLong("version"),
                rs.getObject("event_id", UUID.class),
                event,
                codec.readMetadata(rs.getString("metadata")),
                Instant.parse(rs.getString("recorded_at")));
    }
}
