package org.bookworm.ordering.adapter.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookworm.ordering.core.notification.Email;
import org.bookworm.ordering.core.notification.EmailKind;
import org.bookworm.ordering.core.order.OrderId;
import org.bookworm.ordering.core.port.EmailOutbox;
import org.jspecify.annotations.Nullable;

/**
 * The e-mail outbox: one row per (order, kind), enforced by a unique constraint, so a redelivered event never makes a
 * second e-mail. Every state change is one guarded UPDATE ({@code WHERE status = 'PENDING'}), hence atomic.
 */
final class PostgresEmailOutbox implements EmailOutbox {
    private static final String COLUMNS =
            "id, email::text, status, attempts, created_at, next_attempt_at, sent_at, last_error";
    private static final String ENQUEUE = "INSERT INTO notification.email_outbox (id, order_id, kind, email, status,"
            + " attempts, created_at, next_attempt_at) VALUES (?, ?, ?, ?::jsonb, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING";
    private static final String FIND =
            "SELECT " + COLUMNS + " FROM notification.email_outbox WHERE order_id = ? AND kind = ?";
    private static final String DUE = "SELECT " + COLUMNS + " FROM notification.email_outbox"
            + " WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, created_at LIMIT ?";
    private static final String SENT = "UPDATE notification.email_outbox SET status = 'SENT', attempts = attempts + 1,"
            + " sent_at = ? WHERE id = ? AND status = 'PENDING'";
    private static final String FAILED = "UPDATE notification.email_outbox SET attempts = attempts + 1,"
            + " last_error = ?, sent_at = NULL, status = CASE WHEN ?::bigint IS NULL THEN 'DEAD' ELSE 'PENDING' END,"
            + " next_attempt_at = coalesce(?::bigint, next_attempt_at) WHERE id = ? AND status = 'PENDING'";
    private static final String REVIVE = "UPDATE notification.email_outbox SET status = 'PENDING', attempts = 0,"
            + " next_attempt_at = ?, sent_at = NULL WHERE status = 'DEAD'";
    private static final String DELETE_SENT =
            "DELETE FROM notification.email_outbox WHERE status = 'SENT' AND sent_at < ?";

    private final DataSource dataSource;
    private final ObjectMapper json;

    PostgresEmailOutbox(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    @Override
    public boolean enqueue(UUID id, Email email, Instant at) {
        String text = write(email);
        return Jdbc.withConnection(
                        dataSource,
                        "enqueue an e-mail",
                        c -> Jdbc.update(c, ENQUEUE, ps -> {
                            ps.setObject(1, id);
                            ps.setObject(2, email.order().value());
                            ps.setString(3, email.kind().name());
                            ps.setString(4, text);
                            ps.setLong(5, Nanos.of(at));
                            ps.setLong(6, Nanos.of(at));
                        }))
                == 1;
    }

    @Override
    public Optional<Row> find(OrderId order, EmailKind kind) {
        return Jdbc.withConnection(
                dataSource,
                "find an e-mail",
                c -> Jdbc.query(
                                c,
                                FIND,
                                ps -> {
                                    ps.setObject(1, order.value());
                                    ps.setString(2, kind.name());
                                },
                                this::row)
                        .stream()
                        .findFirst());
    }

    @Override
    public List<Row> due(Instant now, int limit) {
        return Jdbc.withConnection(
                dataSource,
                "list due e-mails",
                c -> Jdbc.query(
                        c,
                        DUE,
                        ps -> {
                            ps.setLong(1, Nanos.of(now));
                            ps.setInt(2, Math.max(0, limit));
                        },
                        this::row));
    }

    @Override
    public void markSent(UUID id, Instant at) {
        Jdbc.withConnection(
                dataSource,
                "mark an e-mail sent",
                c -> Jdbc.update(c, SENT, ps -> {
                    ps.setLong(1, Nanos.of(at));
                    ps.setObject(2, id);
                }));
    }

    @Override
    public void markFailed(UUID id, String error, @Nullable Instant retryAt) {
        Jdbc.withConnection(
                dataSource,
                "mark an e-mail failed",
                c -> Jdbc.update(c, FAILED, ps -> {
                    ps.setString(1, error.replace('\u0000', '?'));
                    if (retryAt == null) {
                        ps.setNull(2, Types.BIGINT);
                        ps.setNull(3, Types.BIGINT);
                    } else {
                        ps.setLong(2, Nanos.of(retryAt));
                        ps.setLong(3, Nanos.of(retryAt));
                    }
                    ps.setObject(4, id);
                }));
    }

    @Override
    public int reviveDead(Instant now) {
        return Jdbc.withConnection(
                dataSource, "revive dead e-mails", c -> Jdbc.update(c, REVIVE, ps -> ps.setLong(1, Nanos.of(now))));
    }

    @Override
    public int deleteSentBefore(Instant cutoff) {
        return Jdbc.withConnection(
                dataSource,
                "delete sent e-mails",
                c -> Jdbc.update(c, DELETE_SENT, ps -> ps.setLong(1, Nanos.of(cutoff))));
    }

    private Row row(ResultSet rs) throws SQLException {
        long sentAt = rs.getLong("sent_at");
        Instant sent = rs.wasNull() ? null : Nanos.instant(sentAt);
        return new Row(
                rs.getObject("id", UUID.class),
                read(rs.getString("email")),
                Status.valueOf(rs.getString("status")),
                rs.getInt("attempts"),
                Nanos.instant(rs.getLong("created_at")),
                Nanos.instant(rs.getLong("next_attempt_at")),
                sent,
                rs.getString("last_error"));
    }

    private String write(Email email) {
        try {
            return json.writeValueAsString(email);
        } catch (JsonProcessingException impossible) {
            throw new IllegalArgumentException("cannot write an e-mail", impossible);
        }
    }

    private Email read(String text) {
        try {
            return json.readValue(text, Email.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("a stored e-mail cannot be read", unreadable);
        }
    }
}
