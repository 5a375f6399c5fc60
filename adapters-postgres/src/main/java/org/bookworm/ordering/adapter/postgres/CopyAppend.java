package org.bookworm.ordering.adapter.postgres;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.finance.SagaDeadlines;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;

/**
 * A large append in one transaction of its own: {@code eventstore.append_check} (migration V17) takes the stream's lock,
 * checks the expected version, recognises a retry, claims the request key and writes the saga deadlines; then the
 * events go in by {@code COPY ... FROM STDIN} in PostgreSQL's binary format, and the transaction commits. The events'
 * positions and {@code tx_id} come from the columns' defaults, as with the function's insert, so readers see them by
 * the same xid8 rule. The version constraint and the {@code event_id} key still decide: a COPY that meets either fails
 * the transaction, which is rolled back whole (issue 14, ADR 0042).
 */
final class CopyAppend {
    static final String CHECK = "SELECT eventstore.append_check(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String COPY = "COPY eventstore.events (stream_type, stream_id, version, event_id, type,"
            + " schema_version, data, metadata) FROM STDIN (FORMAT binary)";

    private static final String EVENT_ID_KEY = "events_event_id_key";
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final short COLUMNS = 8;

    private final EventCodec codec;

    CopyAppend(EventCodec codec) {
        this.codec = codec;
    }

    /**
     * Appends in a transaction of its own on {@code c} (left in autocommit afterwards) and returns the stream's new
     * version. Throws {@link ConcurrencyConflict}, {@link org.bookworm.ordering.core.eventsourcing.IdempotencyKeyTaken}
     * or {@link IllegalStateException} for event ids stored elsewhere, as {@link AppendSql#append} does; nothing is
     * written then.
     */
    long append(Connection c, AppendRequest request) throws SQLException {
        byte[] rows = rows(request); // encoded before the transaction starts: no lock is held while Jackson works
        c.setAutoCommit(false);
        try {
            int code = check(c, request);
            if (code != AppendSql.APPENDED) {
                c.rollback();
                Object answer = AppendSql.answer(request, code);
                if (answer instanceof RuntimeException refused) {
                    throw refused;
                }
                return (Long) answer;
            }
            copy(c, request, rows);
            c.commit();
            return request.expectedVersion() + request.events().size();
        } catch (SQLException error) {
            rollbackQuietly(c, error);
            ConcurrencyConflict conflict =
                    SqlErrors.versionConflict(error, request.stream(), request.expectedVersion());
            if (conflict != null) {
                throw conflict;
            }
            if (isEventIdTaken(error)) {
                throw new IllegalStateException("event ids of this append to " + request.stream()
                        + " were stored before at other places: a bug in the caller, nothing written");
            }
            throw error;
        } catch (RuntimeException failed) {
            // never let setAutoCommit(true) below commit a transaction that went wrong
            try {
                c.rollback();
            } catch (SQLException alsoFailed) {
                failed.addSuppressed(alsoFailed);
            }
            throw failed;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private int check(Connection c, AppendRequest request) throws SQLException {
        IdempotencyRecord key = request.idempotency();
        IdempotencyRecord.Answer.Done outcome = PostgresIdempotencyKeys.outcomeOf(key);
        var ids = new ArrayList<UUID>(request.events().size());
        var deadlineOrders = new ArrayList<UUID>();
        var deadlineSteps = new ArrayList<Integer>();
        var deadlineDues = new ArrayList<Long>();
        for (NewEvent event : request.events()) {
            ids.add(event.eventId());
            SagaDeadlines.Deadline.requestedBy(event.event()).ifPresent(deadline -> {
                deadlineOrders.add(deadline.order().value());
                deadlineSteps.add(deadline.step());
                deadlineDues.add(Nanos.of(deadline.dueAt()));
            });
        }
        try (PreparedStatement ps = c.prepareStatement(CHECK)) {
            int i = 1;
            ps.setString(i++, request.stream().type().prefix());
            ps.setObject(i++, request.stream().id());
            ps.setInt(i++, (int) request.expectedVersion());
            ps.setArray(i++, c.createArrayOf("uuid", ids.toArray()));
            ps.setString(i++, key == null ? null : key.scope());
            ps.setString(i++, key == null ? null : key.key());
            ps.setString(i++, key == null ? null : key.requestHash());
            ps.setString(i++, outcome == null ? null : outcome.stream().type().prefix());
            ps.setObject(i++, outcome == null ? null : outcome.stream().id(), java.sql.Types.OTHER);
            ps.setObject(i++, outcome == null ? null : outcome.version(), java.sql.Types.BIGINT);
            ps.setString(i++, key == null ? null : key.createdAt().toString());
            ps.setArray(i++, c.createArrayOf("uuid", deadlineOrders.toArray()));
            ps.setArray(i++, c.createArrayOf("int4", deadlineSteps.toArray(Integer[]::new)));
            ps.setArray(i, c.createArrayOf("int8", deadlineDues.toArray(Long[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void copy(Connection c, AppendRequest request, byte[] rows) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        long written;
        try {
            copy.writeToCopy(rows, 0, rows.length);
            written = copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        if (written != request.events().size()) {
            throw new IllegalStateException("COPY into eventstore.events wrote " + written + " rows of "
                    + request.events().size() + " for " + request.stream());
        }
    }

    /** The append's events as the body of a binary COPY: header, one tuple of {@link #COLUMNS} fields each, trailer. */
    byte[] rows(AppendRequest request) {
        var bytes = new ByteArrayOutputStream(256 + request.events().size() * 512);
        var out = new DataOutputStream(bytes);
        try {
            out.write(SIGNATURE);
            out.writeInt(0); // flags: no OIDs
            out.writeInt(0); // no header extension
            byte[] type = utf8(request.stream().type().prefix());
            UUID stream = request.stream().id();
            int version = (int) request.expectedVersion();
            // The events of one decision share one Metadata: encoded once per append, not once per event.
            @Nullable Metadata lastMetadata = null;
            byte[] metadata = new byte[0];
            for (NewEvent event : request.events()) {
                EventCodec.Encoded encoded = codec.encode(event.event());
                if (event.metadata() != lastMetadata) {
                    lastMetadata = event.metadata();
                    metadata = utf8(codec.write(lastMetadata));
                }
                out.writeShort(COLUMNS);
                bytes(out, type);
                uuid(out, stream);
                int4(out, ++version);
                uuid(out, event.eventId());
                bytes(out, utf8(encoded.type()));
                int4(out, encoded.schemaVersion());
                bytes(out, utf8(encoded.json()));
                bytes(out, metadata);
            }
            out.writeShort(-1);
            out.flush();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void bytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static void uuid(DataOutputStream out, UUID value) throws IOException {
        out.writeInt(16);
        out.writeLong(value.getMostSignificantBits());
        out.writeLong(value.getLeastSignificantBits());
    }

    private static void int4(DataOutputStream out, int value) throws IOException {
        out.writeInt(4);
        out.writeInt(value);
    }

    private static boolean isEventIdTaken(SQLException error) {
        return "23505".equals(error.getSQLState())
                && error instanceof PSQLException psql
                && psql.getServerErrorMessage() != null
                && EVENT_ID_KEY.equals(psql.getServerErrorMessage().getConstraint());
    }

    private static void rollbackQuietly(Connection c, SQLException error) {
        try {
            c.rollback();
        } catch (SQLException alsoFailed) {
            error.addSuppressed(alsoFailed);
        }
    }
}
