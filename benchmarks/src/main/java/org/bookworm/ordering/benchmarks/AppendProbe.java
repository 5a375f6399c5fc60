package org.bookworm.ordering.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.bookworm.ordering.adapter.postgres.PostgresAdapters;
import org.bookworm.ordering.adapter.postgres.PostgresConfig;
import org.bookworm.ordering.core.ordering.OrderEvent;

/**
 * What one append of a batch costs the server and the client, by the SQL that writes it (issue 14): {@code
 * --connections} JDBC connections, each on its own thread appending one batch after another to a new stream each, for a
 * few seconds per variant in interleaved passes. The server's CPU is the backends' utime + stime from {@code /proc} (so
 * run it on PostgreSQL's machine), the client's the calling threads' CPU time, the WAL the LSN's advance (exact only on
 * a cluster no one else writes to), the backends' minor page faults from {@code /proc} too. Variants: {@code plain}
 * (ADR 0053's statement, as the adapter sends it without a key), {@code plain-nosort} (without its {@code ORDER BY}),
 * {@code plain-meta-once} (the metadata bound once and cast to json once), {@code plain-srf} (the arrays unnested in
 * the select list, no function scan), {@code values} (one multi-row {@code VALUES}, eight parameters an event), {@code
 * axon} (Axon 4.13's insert, one per event in a JDBC batch, then a commit) and {@code raw} (the raw floor's multi-row
 * insert and commit).
 *
 * <p>Usage: {@code java -cp benchmarks.jar org.bookworm.ordering.benchmarks.AppendProbe [--events 100] [--seconds 6]
 * [--passes 3] [--connections 1] [--synchronous-commit on|off] [--variants plain,values,axon,raw]}; PostgreSQL from
 * {@code ORDERING_PG_URL}. It creates a database of its own and drops it.
 */
public final class AppendProbe {
    private static final String METADATA = "{\"actor\":\"bench\",\"actorRoles\":[\"system\"],\"correlationId\":"
            + "\"00000000-0000-0007-0000-000000000007\",\"causationId\":null,\"requestId\":null}";
    private static final String AT = "WITH at AS (SELECT (SELECT coalesce(max(e.version), 0) FROM eventstore.events e"
            + " WHERE e.stream_type = ? AND e.stream_id = ?) = ? AS ok)";
    private static final String COLUMNS =
            " (stream_type, stream_id, version, event_id, type, schema_version, data, metadata)";
    private static final String PLAIN = AT + ", written AS (INSERT INTO eventstore.events" + COLUMNS
            + " SELECT ?, ?, ?::int + u.k::int, u.id, u.type, u.schema_version, u.data::json, u.metadata::json"
            + " FROM unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[])"
            + " WITH ORDINALITY AS u(id, type, schema_version, data, metadata, k)"
            + " WHERE (SELECT ok FROM at) ORDER BY u.k RETURNING 1) SELECT count(*) FROM written";
    private static final String PLAIN_SRF = AT + ", written AS (INSERT INTO eventstore.events" + COLUMNS
            + " SELECT ?, ?, ?::int + u.k, u.id, u.type, u.schema_version, u.data::json, u.metadata::json"
            + " FROM (SELECT unnest(?::uuid[]) AS id, unnest(?::text[]) AS type, unnest(?::int[]) AS schema_version,"
            + " unnest(?::text[]) AS data, unnest(?::text[]) AS metadata, generate_series(1, ?) AS k) AS u"
            + " WHERE (SELECT ok FROM at) RETURNING 1) SELECT count(*) FROM written";
    private static final String PLAIN_META_ONCE = AT + ", md AS (SELECT ?::json AS m)"
            + ", written AS (INSERT INTO eventstore.events" + COLUMNS
            + " SELECT ?, ?, ?::int + u.k::int, u.id, u.type, u.schema_version, u.data::json, (SELECT m FROM md)"
            + " FROM unnest(?::uuid[], ?::text[], ?::int[], ?::text[])"
            + " WITH ORDINALITY AS u(id, type, schema_version, data, k)"
            + " WHERE (SELECT ok FROM at) ORDER BY u.k RETURNING 1) SELECT count(*) FROM written";
    private static final String AXON = "INSERT INTO DomainEventEntry (eventIdentifier, aggregateIdentifier,"
            + " sequenceNumber, type, timeStamp, payloadType, payloadRevision, payload, metaData)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Connection connection;
    private final int events;
    private final long backend;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<String> payloads = new ArrayList<>();
    private final List<String> types = new ArrayList<>();
    private final String valuesSql;

    private AppendProbe(Connection connection, int events) throws SQLException {
        this.connection = connection;
        this.events = events;
        try (var st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            this.backend = rs.getLong(1);
        }
        this.valuesSql = valuesStatement();
        UUID stream = UUID.randomUUID();
        for (OrderEvent event : OrderStreams.events(stream, 0, events, Instant.now())) {
            payloads.add(new String(Json.encode(event), StandardCharsets.UTF_8));
            types.add(Json.typeOf(event));
        }
    }

    public static void main(String[] args) throws Exception {
        int events = 100;
        int seconds = 6;
        int passes = 3;
        String synchronous = "off";
        int connections = 1;
        List<String> variants = List.of("plain", "values", "axon", "raw");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                case "--synchronous-commit" -> synchronous = args[++i];
                case "--variants" -> variants = List.of(args[++i].split(","));
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (var scratch = Pg.Scratch.create("bench_probe")) {
            String url = scratch.url();
            PostgresAdapters.start(new PostgresConfig(url, "", "", 2)).close();
            new AxonSubject(url, 1).close();
            new RawJdbcSubject(url, 1).close();
            var probes = new ArrayList<AppendProbe>();
            for (int i = 0; i < connections; i++) {
                Connection c = DriverManager.getConnection(url);
                try (var st = c.createStatement()) {
                    st.execute("SET synchronous_commit = " + synchronous);
                }
                probes.add(new AppendProbe(c, events));
            }
            for (String variant : variants) {
                run(probes, variant, 2); // warm-up: plans cached, tables past their first pages
            }
            System.out.printf(
                    Locale.ROOT,
                    "%d events an append, %d connections, %d s a variant, synchronous_commit %s%n"
                            + "pass | variant | appends/s | wall µs | server CPU µs | client CPU µs | WAL bytes"
                            + " | backend minor faults (per append)%n",
                    events,
                    connections,
                    seconds,
                    synchronous);
            for (int pass = 1; pass <= passes; pass++) {
                for (String variant : variants) {
                    System.out.println(pass + " | " + run(probes, variant, seconds));
                }
            }
            for (AppendProbe probe : probes) {
                probe.connection.close();
            }
        }
    }

    /** Every probe appends on its own thread and connection for {@code seconds}; the figures are per append. */
    private static String run(List<AppendProbe> probes, String variant, int seconds) throws Exception {
        long serverBefore = 0;
        long faultsBefore = 0;
        for (AppendProbe probe : probes) {
            var usage = ProcStat.usage(probe.backend); // one reading: both figures of the same instant
            serverBefore += usage.cpuTicks();
            faultsBefore += usage.minorFaults();
        }
        long walBefore = probes.get(0).wal();
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        var results = new ArrayList<java.util.concurrent.Future<long[]>>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(probes.size())) {
            for (AppendProbe probe : probes) {
                results.add(pool.submit(() -> probe.loop(variant, deadline)));
            }
        }
        long wall = System.nanoTime() - start;
        long appends = 0;
        long client = 0;
        for (var result : results) {
            appends += result.get()[0];
            client += result.get()[1];
        }
        long serverAfter = 0;
        long faultsAfter = 0;
        for (AppendProbe probe : probes) {
            var usage = ProcStat.usage(probe.backend); // one reading: both figures of the same instant
            serverAfter += usage.cpuTicks();
            faultsAfter += usage.minorFaults();
        }
        long server = (serverAfter - serverBefore) * (1_000_000_000L / ProcStat.TICKS_PER_SECOND);
        long walBytes = probes.get(0).wal() - walBefore;
        return String.format(
                Locale.ROOT,
                "%s | %,.0f | %,.0f | %,.0f | %,.0f | %,d | %,.1f",
                variant,
                appends / (wall / 1e9),
                wall / 1e3 / appends * probes.size(),
                server / 1e3 / appends,
                client / 1e3 / appends,
                walBytes / appends,
                (faultsAfter - faultsBefore) / (double) appends);
    }

    /** Appends until the deadline: how many, and the thread's CPU nanoseconds. */
    private long[] loop(String variant, long deadline) throws SQLException {
        long clientBefore = threads.getCurrentThreadCpuTime();
        long appends = 0;
        while (System.nanoTime() < deadline) {
            append(variant, UUID.randomUUID());
            appends++;
        }
        return new long[] {appends, threads.getCurrentThreadCpuTime() - clientBefore};
    }

    private long wal() throws SQLException {
        try (var st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_current_wal_lsn() - '0/0'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void append(String variant, UUID stream) throws SQLException {
        switch (variant) {
            case "plain" -> plain(PLAIN, stream, false);
            case "plain-srf" -> plain(PLAIN_SRF, stream, false);
            case "plain-nosort" -> plain(PLAIN.replace(" ORDER BY u.k", ""), stream, false);
            case "plain-meta-once" -> plain(PLAIN_META_ONCE, stream, true);
            case "values" -> values(stream);
            case "axon" -> axon(stream);
            case "raw" -> raw(stream);
            default -> throw new IllegalArgumentException("unknown variant " + variant);
        }
    }

    private void plain(String statement, UUID stream, boolean metadataOnce) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(statement)) {
            int i = head(ps, stream);
            if (metadataOnce) {
                ps.setString(i++, METADATA);
            }
            ps.setString(i++, "order");
            ps.setObject(i++, stream);
            ps.setInt(i++, 0);
            ps.setArray(i++, connection.createArrayOf("uuid", ids().toArray()));
            ps.setArray(i++, connection.createArrayOf("text", types.toArray(String[]::new)));
            Integer[] schemaVersions = new Integer[events];
            java.util.Arrays.fill(schemaVersions, 1);
            ps.setArray(i++, connection.createArrayOf("int4", schemaVersions));
            ps.setArray(i++, connection.createArrayOf("text", payloads.toArray(String[]::new)));
            if (!metadataOnce) {
                String[] metadata = new String[events];
                java.util.Arrays.fill(metadata, METADATA);
                ps.setArray(i++, connection.createArrayOf("text", metadata));
            }
            if (statement.equals(PLAIN_SRF)) {
                ps.setInt(i, events);
            }
            written(ps);
        }
    }

    private String valuesStatement() {
        var sql = new StringBuilder(
                AT + ", written AS (INSERT INTO eventstore.events" + COLUMNS + " SELECT v.* FROM (VALUES ");
        for (int k = 0; k < events; k++) {
            sql.append(k == 0 ? "" : ", ").append("(?, ?::uuid, ?::int, ?::uuid, ?, ?::int, ?::json, ?::json)");
        }
        return sql.append(") AS v WHERE (SELECT ok FROM at) RETURNING 1) SELECT count(*) FROM written")
                .toString();
    }

    private void values(UUID stream) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(valuesSql)) {
            int i = head(ps, stream);
            List<UUID> ids = ids();
            for (int k = 0; k < events; k++) {
                ps.setString(i++, "order");
                ps.setObject(i++, stream);
                ps.setInt(i++, k + 1);
                ps.setObject(i++, ids.get(k));
                ps.setString(i++, types.get(k));
                ps.setInt(i++, 1);
                ps.setString(i++, payloads.get(k));
                ps.setString(i++, METADATA);
            }
            written(ps);
        }
    }

    private int head(PreparedStatement ps, UUID stream) throws SQLException {
        ps.setString(1, "order");
        ps.setObject(2, stream);
        ps.setInt(3, 0);
        return 4;
    }

    private void written(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getLong(1) != events) {
                throw new IllegalStateException("wrote " + rs.getLong(1) + " of " + events);
            }
        }
    }

    /** As Axon's engine writes a batch: one insert per event in a JDBC batch, then a commit. */
    private void axon(UUID stream) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement ps = connection.prepareStatement(AXON)) {
            String now = Instant.now().toString();
            for (int k = 0; k < events; k++) {
                ps.setString(1, UUID.randomUUID().toString());
                ps.setString(2, stream.toString());
                ps.setLong(3, k);
                ps.setString(4, "Order");
                ps.setString(5, now);
                ps.setString(6, types.get(k));
                ps.setString(7, null);
                ps.setBytes(8, payloads.get(k).getBytes(StandardCharsets.UTF_8));
                ps.setBytes(9, "{}".getBytes(StandardCharsets.UTF_8));
                ps.addBatch();
            }
            ps.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** As the raw floor writes a batch: one multi-row insert in a transaction. */
    private void raw(UUID stream) throws SQLException {
        var sql = new StringBuilder("INSERT INTO events (stream, version, type, payload) VALUES ");
        for (int k = 0; k < events; k++) {
            sql.append(k == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
        }
        connection.setAutoCommit(false);
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            int i = 1;
            for (int k = 0; k < events; k++) {
                ps.setObject(i++, stream);
                ps.setLong(i++, k + 1);
                ps.setString(i++, types.get(k));
                ps.setBytes(i++, payloads.get(k).getBytes(StandardCharsets.UTF_8));
            }
            ps.executeUpdate();
            connection.commit();
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private List<UUID> ids() {
        var ids = new ArrayList<UUID>(events);
        var random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        for (int k = 0; k < events; k++) {
            // UUIDv7's layout: the time first, so the event-id index grows at its right edge as ours does
            ids.add(new UUID((millis << 16) | 0x7000 | (k & 0xfff), 0x8000000000000000L | (random.nextLong() >>> 2)));
        }
        return ids;
    }
}
