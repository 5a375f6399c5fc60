package org.bookworm.ordering.adapter.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.core.port.ConcurrencyConflict;
import org.bookworm.ordering.core.port.IdempotencyKeyTaken;
import org.bookworm.ordering.core.port.IdempotencyRecord;
import org.bookworm.ordering.core.port.NewEvent;
import org.bookworm.ordering.core.port.StreamId;

/**
 * One append on a connection that is already inside a transaction (RELIABILITY.md section 2): claim the key, insert
 * the events at {@code expected+1 .. expected+n} with the only allowed {@code ON CONFLICT}, the one on {@code
 * event_id}, and recognise a retried append by its event ids. Never {@code ON CONFLICT} on the version constraint: a
 * second writer must fail with a unique violation, which becomes {@link ConcurrencyConflict}.
 */
final class AppendSql {
    static final String NOTIFY_CHANNEL = "eventstore_events";

    private static final String CLAIM_KEY = "INSERT INTO eventstore.idempotency (scope, key, request_hash, outcome,"
            + " created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (scope, key) DO NOTHING";
    private static final String HAS_VERSION =
            "SELECT EXISTS (SELECT 1 FROM eventstore.events WHERE stream_type = ? AND stream_id = ? AND version = ?)";
    private static final String CURRENT_VERSION =
            "SELECT coalesce(max(version), 0) FROM eventstore.events" + " WHERE stream_type = ? AND stream_id = ?";
    private static final String INSERT = "INSERT INTO eventstore.events (stream_type, stream_id, version, event_id,"
            + " type, schema_version, data, metadata)"
            + " SELECT ?, ?, e.version, e.event_id, e.type, e.schema_version, e.data::jsonb, e.metadata::jsonb"
            + " FROM unnest(?::int[], ?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[])"
            + " AS e(version, event_id, type, schema_version, data, metadata) ORDER BY e.version"
            + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id";
    private static final String STORED = "SELECT event_id, stream_type, stream_id, version FROM eventstore.events"
            + " WHERE event_id = ANY (?::uuid[])";

    private final EventCodec codec;

    AppendSql(EventCodec codec) {
        this.codec = codec;
    }

    /** The stream's new version; throws {@link ConcurrencyConflict} or {@link IdempotencyKeyTaken}. */
    long append(Connection c, AppendRequest request) throws SQLException {
        StreamId stream = request.stream();
        long expected = request.expectedVersion();
        if (request.idempotency() != null && !claim(c, request.idempotency())) {
            if (!request.events().isEmpty() && isStoredRetry(c, request)) {
                return expected + request.events().size();
            }
            throw new IdempotencyKeyTaken(
                    request.idempotency().scope(), request.idempotency().key());
        }
        if (request.events().isEmpty()) {
            if (currentVersion(c, stream) != expected) {
                throw new ConcurrencyConflict(stream, expected);
            }
            return expected;
        }
        if (expected > 0 && !hasVersion(c, stream, expected)) {
            // Without this, an expected version beyond the stream's end would leave a gap the constraint allows.
            if (isStoredRetry(c, request)) {
                return expected + request.events().size();
            }
            throw new ConcurrencyConflict(stream, expected);
        }
        int inserted = insert(c, request);
        if (inserted == request.events().size()) {
            SagaDeadlineRows.scheduleRequested(c, request.events());
            return expected + inserted;
        }
        if (inserted == 0 && isStoredRetry(c, request)) {
            return expected + request.events().size();
        }
        throw new IllegalStateException("event ids of this append to " + stream
                + " were stored before at other places: a bug in the caller, nothing written");
    }

    private boolean claim(Connection c, IdempotencyRecord key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CLAIM_KEY)) {
            ps.setString(1, key.scope());
            ps.setString(2, key.key());
            ps.setString(3, key.requestHash());
            ps.setString(4, key.outcome());
            ps.setTimestamp(5, Timestamp.from(key.createdAt()));
            return ps.executeUpdate() == 1;
        }
    }

    private static boolean hasVersion(Connection c, StreamId stream, long version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(HAS_VERSION)) {
            ps.setString(1, stream.type().prefix());
            ps.setObject(2, stream.id());
            ps.setInt(3, (int) version);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static long currentVersion(Connection c, StreamId stream) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(CURRENT_VERSION)) {
            ps.setString(1, stream.type().prefix());
            ps.setObject(2, stream.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private int insert(Connection c, AppendRequest request) throws SQLException {
        List<NewEvent> events = request.events();
        int n = events.size();
        var versions = new Integer[n];
        var ids = new UUID[n];
        var types = new String[n];
        var schemas = new Integer[n];
        var data = new String[n];
        var metadata = new String[n];
        for (int i = 0; i < n; i++) {
            EventCodec.Encoded encoded = codec.encode(events.get(i).event());
            versions[i] = (int) request.expectedVersion() + i + 1;
            ids[i] = events.get(i).eventId();
            types[i] = encoded.type();
            schemas[i] = encoded.schemaVersion();
            data[i] = encoded.json();
            metadata[i] = codec.write(events.get(i).metadata());
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, request.stream().type().prefix());
            ps.setObject(2, request.stream().id());
            ps.setArray(3, c.createArrayOf("int4", versions));
            ps.setArray(4, c.createArrayOf("uuid", ids));
            ps.setArray(5, c.createArrayOf("text", types));
            ps.setArray(6, c.createArrayOf("int4", schemas));
            ps.setArray(7, c.createArrayOf("text", data));
            ps.setArray(8, c.createArrayOf("text", metadata));
            int count = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    count++;
                }
            }
            return count;
        } catch (SQLException error) {
            ConcurrencyConflict conflict =
                    SqlErrors.versionConflict(error, request.stream(), request.expectedVersion());
            if (conflict != null) {
                throw conflict;
            }
            throw error;
        }
    }

    /** True when every event id is stored in this stream at exactly the versions this append asked for. */
    private static boolean isStoredRetry(Connection c, AppendRequest request) throws SQLException {
        List<NewEvent> events = request.events();
        Map<UUID, Long> versions = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(STORED)) {
            Array ids = c.createArrayOf(
                    "uuid", events.stream().map(NewEvent::eventId).toArray(UUID[]::new));
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean sameStream = rs.getString("stream_type")
                                    .equals(request.stream().type().prefix())
                            && rs.getObject("stream_id", UUID.class)
                                    .equals(request.stream().id());
                    versions.put(rs.getObject("event_id", UUID.class), sameStream ? rs.getLong("version") : -1L);
                }
            }
        }
        for (int i = 0; i < events.size(); i++) {
            Long stored = versions.get(events.get(i).eventId());
            if (stored == null || stored != request.expectedVersion() + i + 1) {
                return false;
            }
        }
        return true;
    }
}
