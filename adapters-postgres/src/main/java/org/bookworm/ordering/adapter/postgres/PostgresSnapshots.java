package org.bookworm.ordering.adapter.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import javax.sql.DataSource;
import org.bookworm.ordering.core.eventsourcing.Snapshot;
import org.bookworm.ordering.core.eventsourcing.Snapshots;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots as a disposable cache (RELIABILITY.md section 6): a row of another decider version, another snapshot
 * schema, an unknown state type or a payload that no longer parses is discarded, and the caller replays the stream.
 */
final class PostgresSnapshots implements Snapshots {
    static final int SNAPSHOT_SCHEMA_VERSION = 1;
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSnapshots.class);
    private static final String LOAD = "SELECT version, decider_version, snapshot_schema_version, state_type,"
            + " data::text FROM eventstore.snapshots WHERE stream_type = ? AND stream_id = ?";
    private static final String SAVE = "INSERT INTO eventstore.snapshots (stream_type, stream_id, version,"
            + " decider_version, snapshot_schema_version, state_type, data) VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)"
            + " ON CONFLICT (stream_type, stream_id) DO UPDATE SET version = EXCLUDED.version,"
            + " decider_version = EXCLUDED.decider_version, snapshot_schema_version = EXCLUDED.snapshot_schema_version,"
            + " state_type = EXCLUDED.state_type, data = EXCLUDED.data, taken_at = now()"
            + " WHERE eventstore.snapshots.version <= EXCLUDED.version";

    private record Row(long version, int deciderVersion, int schemaVersion, String stateType, String data) {}

    private final DataSource dataSource;
    private final EventCodec codec;

    PostgresSnapshots(DataSource dataSource, EventCodec codec) {
        this.dataSource = dataSource;
        this.codec = codec;
    }

    @Override
    public Optional<Snapshot> load(StreamId stream, int deciderVersion) {
        Optional<Row> row = Jdbc.withConnection(
                dataSource,
                "load snapshot",
                c -> Jdbc.query(
                                c,
                                LOAD,
                                ps -> {
                                    ps.setString(1, stream.type().prefix());
                                    ps.setObject(2, stream.id());
                                },
                                rs -> new Row(
                                        rs.getLong(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5)))
                        .stream()
                        .findFirst());
        return row.filter(r -> r.deciderVersion() == deciderVersion && r.schemaVersion() == SNAPSHOT_SCHEMA_VERSION)
                .flatMap(r -> parse(stream, deciderVersion, r));
    }

    private Optional<Snapshot> parse(StreamId stream, int deciderVersion, Row row) {
        try {
            Class<?> type = Class.forName(row.stateType(), false, getClass().getClassLoader());
            Object state = codec.mapper().readValue(row.data(), type);
            return Optional.of(new Snapshot(stream, row.version(), deciderVersion, state));
        } catch (ClassNotFoundException | JsonProcessingException | RuntimeException unreadable) {
            LOG.warn("discarding unreadable snapshot of {} at v{}: {}", stream, row.version(), unreadable.toString());
            return Optional.empty();
        }
    }

    @Override
    public void save(Snapshot snapshot) {
        String json = codec.write(snapshot.state());
        Jdbc.withConnection(
                dataSource,
                "save snapshot",
                c -> Jdbc.update(c, SAVE, ps -> {
                    ps.setString(1, snapshot.stream().type().prefix());
                    ps.setObject(2, snapshot.stream().id());
                    ps.setLong(3, snapshot.version());
                    ps.setInt(4, snapshot.deciderVersion());
                    ps.setInt(5, SNAPSHOT_SCHEMA_VERSION);
                    ps.setString(6, snapshot.state().getClass().getName());
                    ps.setString(7, json);
                }));
    }
}
