package org.bookworm.ordering.adapter.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.finance.SagaDeadlines;
import org.jspecify.annotations.Nullable;

/**
 * The parameters of {@code eventstore.append_batch} (migrations V3, V9, V19): parallel arrays, one element per append,
 * per event (in append order, each with its append's index and its place in it, counted from 1), per saga deadline
 * requested and per saga ended. Encoding happens here, on the caller's side of the round trip.
 */
final class AppendArrays {
    static final String CALL =
            "SELECT eventstore.append_batch(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * The {@link #plainStatement()} of each shape, made once: with a key (1), requesting deadlines (2), ending a saga
     * (4); {@link #plain()} never asks for 6.
     */
    private static final String[] PLAIN = new String[8];

    static {
        for (int shape = 0; shape < PLAIN.length; shape++) {
            PLAIN[shape] = plainStatement((shape & 1) != 0, (shape & 2) != 0, (shape & 4) != 0);
        }
    }

    private final List<String> streamTypes = new ArrayList<>();
    private final List<UUID> streamIds = new ArrayList<>();
    private final List<Integer> expected = new ArrayList<>();
    private final List<Integer> counts = new ArrayList<>();
    private final List<String> keyScopes = new ArrayList<>();
    private final List<String> keyValues = new ArrayList<>();
    private final List<String> keyHashes = new ArrayList<>();
    private final List<String> keyStreamTypes = new ArrayList<>();
    private final List<UUID> keyStreamIds = new ArrayList<>();
    private final List<Long> keyVersions = new ArrayList<>();
    private final List<String> keyCreated = new ArrayList<>();
    private final List<UUID> eventIds = new ArrayList<>();
    private final List<String> eventTypes = new ArrayList<>();
    private final List<Integer> schemaVersions = new ArrayList<>();
    private final List<String> payloads = new ArrayList<>();
    private final List<String> metadata = new ArrayList<>();
    private final List<Integer> deadlineOwners = new ArrayList<>();
    private final List<UUID> deadlineOrders = new ArrayList<>();
    private final List<Integer> deadlineSteps = new ArrayList<>();
    private final List<Long> deadlineDues = new ArrayList<>();
    private final List<Integer> eventOwners = new ArrayList<>();
    private final List<Integer> eventOffsets = new ArrayList<>();
    private final List<Integer> endedOwners = new ArrayList<>();
    private final List<UUID> endedOrders = new ArrayList<>();

    AppendArrays(EventCodec codec, List<AppendRequest> requests) {
        for (AppendRequest request : requests) {
            add(codec, request);
        }
    }

    private void add(EventCodec codec, AppendRequest request) {
        streamTypes.add(request.stream().type().prefix());
        streamIds.add(request.stream().id());
        expected.add((int) request.expectedVersion());
        counts.add(request.events().size());
        IdempotencyRecord key = request.idempotency();
        keyScopes.add(key == null ? null : key.scope());
        keyValues.add(key == null ? null : key.key());
        keyHashes.add(key == null ? null : key.requestHash());
        IdempotencyRecord.Answer.Done outcome = PostgresIdempotencyKeys.outcomeOf(key);
        keyStreamTypes.add(outcome == null ? null : outcome.stream().type().prefix());
        keyStreamIds.add(outcome == null ? null : outcome.stream().id());
        keyVersions.add(outcome == null ? null : outcome.version());
        keyCreated.add(key == null ? null : key.createdAt().toString());
        int owner = streamTypes.size(); // SQL arrays count from 1
        int offset = 0;
        // The events of one decision share one Metadata: written once per append, not once per event.
        @Nullable Metadata lastMetadata = null;
        @Nullable String lastJson = null;
        for (NewEvent event : request.events()) {
            EventCodec.Encoded encoded = codec.encode(event.event());
            eventOwners.add(owner);
            eventOffsets.add(++offset);
            eventIds.add(event.eventId());
            eventTypes.add(encoded.type());
            schemaVersions.add(encoded.schemaVersion());
            payloads.add(encoded.json());
            if (event.metadata() != lastMetadata) {
                lastMetadata = event.metadata();
                lastJson = codec.write(lastMetadata);
            }
            metadata.add(lastJson);
            deadline(owner, event);
            ended(owner, event);
        }
    }

    /**
     * A saga step's deadline commits with the event that requests it (RELIABILITY.md section 4); this is its only
     * writer (ADR 0026).
     */
    private void deadline(int owner, NewEvent event) {
        SagaDeadlines.Deadline.requestedBy(event.event()).ifPresent(deadline -> {
            deadlineOwners.add(owner);
            deadlineOrders.add(deadline.order().value());
            deadlineSteps.add(deadline.step());
            deadlineDues.add(Nanos.of(deadline.dueAt()));
        });
    }

    /**
     * A saga's end completes its deadlines with the event that ends it, in the same transaction (ADR 0049); this is
     * their only completion for it. A deadline requested earlier in the same append is not written at all (ADR 0060:
     * a checkout's steps drafted and appended with the event that ends the wait): it would be completed as it is
     * written.
     */
    private void ended(int owner, NewEvent event) {
        SagaDeadlines.Deadline.endedBy(event.event()).ifPresent(order -> {
            for (int i = deadlineOwners.size() - 1; i >= 0; i--) {
                if (deadlineOwners.get(i) == owner && deadlineOrders.get(i).equals(order.value())) {
                    deadlineOwners.remove(i);
                    deadlineOrders.remove(i);
                    deadlineSteps.remove(i);
                    deadlineDues.remove(i);
                }
            }
            endedOwners.add(owner);
            endedOrders.add(order.value());
        });
    }

    /**
     * Whether these are the arrays of one append that {@link #plainStatement()} can write without the function (ADR
     * 0053): one append with events, ending at most one saga, and not both requesting deadlines and ending a saga
     * (the function writes the new deadlines before it completes the saga's; one statement could not see them).
     */
    boolean plain() {
        return streamTypes.size() == 1
                && !eventIds.isEmpty()
                && endedOrders.size() <= 1
                && (deadlineOwners.isEmpty() || endedOrders.isEmpty());
    }

    /**
     * ADR 0053's one statement for a {@link #plain()} append: the stream's version checked once, then, only if it
     * stands at the expected one, the request's key claimed (as the function claims it), the events inserted at
     * {@code expected + 1 ..} in their versions' order (only if the key was claimed, when there is one), the deadlines
     * the events request written and the deadlines of the saga they end completed (only if the events were). It
     * answers how many events it wrote: all of them, or none (no {@code ON CONFLICT} on the events: a unique
     * violation fails it whole). {@link #bindPlain} binds it.
     */
    String plainStatement() {
        return PLAIN[
                (keyValues.get(0) != null ? 1 : 0)
                        | (deadlineOwners.isEmpty() ? 0 : 2)
                        | (endedOrders.isEmpty() ? 0 : 4)];
    }

    private static String plainStatement(boolean keyed, boolean requestsDeadlines, boolean endsSaga) {
        var sql = new StringBuilder("WITH at AS (SELECT (SELECT coalesce(max(e.version), 0) FROM eventstore.events e"
                + " WHERE e.stream_type = ? AND e.stream_id = ?) = ? AS ok)");
        if (keyed) {
            sql.append(", claimed AS (INSERT INTO eventstore.idempotency AS held (scope, key, request_hash,"
                    + " outcome_stream_type, outcome_stream_id, outcome_version, created_at)"
                    + " SELECT ?, ?, ?, ?, ?, ?, ?::timestamptz FROM at WHERE at.ok"
                    + " ON CONFLICT (scope, key) DO UPDATE SET outcome_stream_type = EXCLUDED.outcome_stream_type,"
                    + " outcome_stream_id = EXCLUDED.outcome_stream_id, outcome_version = EXCLUDED.outcome_version,"
                    + " claimed_until = NULL, created_at = EXCLUDED.created_at"
                    + " WHERE held.claimed_until IS NOT NULL AND held.request_hash = EXCLUDED.request_hash"
                    + " RETURNING 1)");
        }
        sql.append(", written AS (INSERT INTO eventstore.events"
                + " (stream_type, stream_id, version, event_id, type, schema_version, data, metadata)"
                + " SELECT ?, ?, ?::int + u.k::int, u.id, u.type, u.schema_version, u.data::json, u.metadata::json"
                + " FROM unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[])"
                + " WITH ORDINALITY AS u(id, type, schema_version, data, metadata, k)"
                + (keyed ? " WHERE EXISTS (SELECT 1 FROM claimed)" : " WHERE (SELECT ok FROM at)")
                + " ORDER BY u.k RETURNING 1)");
        if (requestsDeadlines) {
            sql.append(", requested AS (INSERT INTO finance.saga_deadlines (order_id, step, due_at)"
                    + " SELECT d.o, d.s, d.due FROM unnest(?::uuid[], ?::int[], ?::bigint[]) AS d(o, s, due)"
                    + " WHERE EXISTS (SELECT 1 FROM written) ON CONFLICT (order_id, step) DO NOTHING)");
        }
        if (endsSaga) {
            // "order_id = ?", the deadlines' key under any plan (ADR 0049)
            sql.append(", ended AS (UPDATE finance.saga_deadlines SET completed = true, leased_until = NULL"
                    + " WHERE order_id = ? AND NOT completed AND EXISTS (SELECT 1 FROM written))");
        }
        return sql.append(" SELECT count(*) FROM written").toString();
    }

    /** Binds the one append of {@link #plain()} arrays to {@link #plainStatement()}, in its parameters' order. */
    void bindPlain(Connection c, PreparedStatement ps) throws SQLException {
        int i = 1;
        ps.setString(i++, streamTypes.get(0));
        ps.setObject(i++, streamIds.get(0));
        ps.setInt(i++, expected.get(0));
        if (keyValues.get(0) != null) {
            ps.setString(i++, keyScopes.get(0));
            ps.setString(i++, keyValues.get(0));
            ps.setString(i++, keyHashes.get(0));
            ps.setString(i++, keyStreamTypes.get(0));
            ps.setObject(i++, keyStreamIds.get(0));
            ps.setObject(i++, keyVersions.get(0), Types.BIGINT);
            ps.setString(i++, keyCreated.get(0));
        }
        ps.setString(i++, streamTypes.get(0));
        ps.setObject(i++, streamIds.get(0));
        ps.setInt(i++, expected.get(0));
        ps.setArray(i++, c.createArrayOf("uuid", eventIds.toArray()));
        ps.setArray(i++, c.createArrayOf("text", eventTypes.toArray(String[]::new)));
        ps.setArray(i++, c.createArrayOf("int4", schemaVersions.toArray(Integer[]::new)));
        ps.setArray(i++, c.createArrayOf("text", payloads.toArray(String[]::new)));
        ps.setArray(i++, c.createArrayOf("text", metadata.toArray(String[]::new)));
        if (!deadlineOwners.isEmpty()) {
            ps.setArray(i++, c.createArrayOf("uuid", deadlineOrders.toArray()));
            ps.setArray(i++, c.createArrayOf("int4", deadlineSteps.toArray(Integer[]::new)));
            ps.setArray(i++, c.createArrayOf("int8", deadlineDues.toArray(Long[]::new)));
        }
        if (!endedOrders.isEmpty()) {
            ps.setObject(i, endedOrders.get(0));
        }
    }

    /** How many events the arrays carry. */
    int events() {
        return eventIds.size();
    }

    /**
     * Binds every array to the {@link #CALL} statement. Typed Java arrays ({@code String[]}, {@code Integer[]}, {@code
     * Long[]}) go in pgjdbc's binary array format; an {@code Object[]} would go as a text literal, every JSON quote
     * escaped by the driver and parsed back by the server's {@code array_in} (400 payloads: 1.1 ms a call against
     * 0.25 ms in a probe, issue 14). pgjdbc has no binary encoder for {@code UUID[]}, so uuids go as text either way.
     */
    void bind(Connection c, PreparedStatement ps) throws SQLException {
        int i = 1;
        ps.setArray(i++, c.createArrayOf("text", streamTypes.toArray(String[]::new)));
        ps.setArray(i++, c.createArrayOf("uuid", streamIds.toArray()));
        ps.setArray(i++, c.createArrayOf("int4", expected.toArray(Integer[]::new)));
        ps.setArray(i++, c.createArrayOf("int4", counts.toArray(Integer[]::new)));
        ps.setArray(i++, c.createArrayOf("text", keyScopes.toArray(String[]::new)));
        ps.setArray(i++, c.createArrayOf("text", keyValues.toArray(String[]::new)));
        ps.setArray(i++, c.createArrayOf("text", keyHashes.toArray(String[]::new)));
        ps.setArray(i++, c.createArrayOf("text", keyStreamTypes.toArray(String[]::new)));
        ps.setArray(i++, c.createArrayOf("uuid", keyStreamIds.toArray()));
        ps.setArray(i++, c.createArrayOf("int8", keyVersions.toArray(Long[]::new)));
        ps.setArray(i++, c.createArrayOf("text", keyCreated.toArray(String[]::new)));
        ps.setArray(i++, c.createArrayOf("uuid", eventIds.toArray()));
        ps.setArray(i++, c.createArrayOf("text", eventTypes.toArray(String[]::new)));
        ps.setArray(i++, c.createArrayOf("int4", schemaVersions.toArray(Integer[]::new)));
        ps.setArray(i++, c.createArrayOf("text", payloads.toArray(String[]::new)));
        ps.setArray(i++, c.createArrayOf("text", metadata.toArray(String[]::new)));
        ps.setArray(i++, c.createArrayOf("int4", deadlineOwners.toArray(Integer[]::new)));
        ps.setArray(i++, c.createArrayOf("uuid", deadlineOrders.toArray()));
        ps.setArray(i++, c.createArrayOf("int4", deadlineSteps.toArray(Integer[]::new)));
        ps.setArray(i++, c.createArrayOf("int8", deadlineDues.toArray(Long[]::new)));
        ps.setArray(i++, c.createArrayOf("int4", eventOwners.toArray(Integer[]::new)));
        ps.setArray(i++, c.createArrayOf("int4", eventOffsets.toArray(Integer[]::new)));
        ps.setArray(i++, c.createArrayOf("int4", endedOwners.toArray(Integer[]::new)));
        ps.setArray(i, c.createArrayOf("uuid", endedOrders.toArray()));
    }
}
