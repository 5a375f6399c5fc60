package org.bookworm.ordering.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.bookworm.ordering.benchmarks.Measure.Result;
import org.bookworm.ordering.benchmarks.Subject.Batch;
import org.bookworm.ordering.benchmarks.Subject.Conflict;
import org.bookworm.ordering.benchmarks.Subject.Read;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.OrderProjection;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.ordering.OrderView;
import org.jspecify.annotations.Nullable;

/**
 * The workloads, run the same way against one subject. Streams are fresh per workload and round, so no subject
 * reads what another workload left behind; correctness findings (a wrong count, a skipped event) go to {@code
 * failures}, slow numbers never do.
 */
final class Workloads<P> {
    static final int READ_BATCH = 500;
    private static final int STREAM_LENGTH = 100;
    private static final int HOT_STREAMS = 4;
    private static final int HOT_ROTATE = 256;
    /**
     * Where the snapshot of a 1,000-event stream is taken: the application snapshots every 50 events, so a load meets
     * 0 to 49 events after its snapshot; 25 is the middle.
     */
    static final long SNAPSHOT_AT = 975;

    private static final Metadata METADATA = new Metadata("bench", List.of(), new UUID(7, 7), null, null);

    final Subject<P> subject;
    final String url;
    private final Mode mode;
    private final List<String> failures;
    private final SplittableRandom random;
    private final List<UUID> tenEventStreams = new ArrayList<>();
    private final List<UUID> thousandEventStreams = new ArrayList<>();
    private final boolean mustNotSkip;

    Workloads(Subject<P> subject, String url, Mode mode, List<String> failures, long seed, boolean mustNotSkip) {
        this.subject = subject;
        this.url = url;
        this.mode = mode;
        this.failures = failures;
        this.random = new SplittableRandom(seed);
        this.mustNotSkip = mustNotSkip;
    }

    /** The catch-up log (written first, so it is the first N events of the log) and the streams the loads read. */
    void prepare() throws InterruptedException {
        int streams = mode.catchUpEvents() / STREAM_LENGTH;
        var ids = new ArrayList<UUID>(streams);
        for (int i = 0; i < streams; i++) {
            ids.add(UUID.randomUUID());
        }
        Instant at = Instant.now();
        Measure.run(8, Duration.ofHours(1), streams, (client, i) -> {
            int index = (int) (i * 8 + client);
            if (index >= streams) {
                return 0;
            }
            subject.append(ids.get(index), 0, OrderStreams.events(ids.get(index), 0, STREAM_LENGTH, at));
            return STREAM_LENGTH;
        });
        for (int i = 0; i < 64; i++) {
            UUID stream = UUID.randomUUID();
            subject.append(stream, 0, OrderStreams.events(stream, 0, 10, at));
            tenEventStreams.add(stream);
        }
        for (int i = 0; i < 8; i++) {
            UUID stream = UUID.randomUUID();
            for (int from = 0; from < 1_000; from += 100) {
                subject.append(stream, from, OrderStreams.events(stream, from, 100, at));
            }
            thousandEventStreams.add(stream);
            if (subject instanceof SnapshotLoads snapshots) {
                snapshots.snapshot(stream, SNAPSHOT_AT);
            }
        }
    }

    boolean loadsFromSnapshots() {
        return subject instanceof SnapshotLoads;
    }

    /**
     * Four clients loading the prepared 1,000-event streams through the application's snapshot path (the snapshot
     * at {@link #SNAPSHOT_AT}, then the events after it, folded); a state at another version is a correctness failure.
     */
    Result loadFromSnapshot(Duration duration) throws InterruptedException {
        var snapshots = (SnapshotLoads) subject;
        return Measure.run(4, duration, mode.maxCallsPerClient(), (client, i) -> {
            UUID stream = thousandEventStreams.get((int) ((i * 4 + client) % thousandEventStreams.size()));
            long version = snapshots.loadFromSnapshot(stream);
            if (version != 1_000) {
                fail("load of a 1,000-event stream from its snapshot reached version " + version);
            }
            return 1_000 - SNAPSHOT_AT;
        });
    }

    /** Each client appends {@code batch} events per transaction to its own streams (a new one every 100 events). */
    Result append(int clients, int batch, Duration duration) throws InterruptedException {
        var streams = new UUID[clients];
        var versions = new long[clients];
        Instant at = Instant.now();
        return Measure.run(clients, duration, mode.maxCallsPerClient(), (client, i) -> {
            if (streams[client] == null || versions[client] + batch > Math.max(STREAM_LENGTH, batch)) {
                streams[client] = UUID.randomUUID();
                versions[client] = 0;
            }
            subject.append(
                    streams[client],
                    versions[client],
                    OrderStreams.events(streams[client], versions[client], batch, at));
            versions[client] += batch;
            return batch;
        });
    }

    /**
     * Sixteen clients on four hot streams, each appending one event at the version it last saw; on a conflict it
     * catches up as the application service does and tries again: from the events the conflict carries when the
     * subject's store answers with them (ours, ADR 0029), else by reloading the stream. Latency includes the retries.
     * Streams are renewed every 256 events so reloads stay short.
     */
    Result hotStreams(int clients, Duration duration, AtomicLong conflicts) throws InterruptedException {
        long base = random.nextLong();
        var generations = new long[clients];
        var known = new long[clients];
        Instant at = Instant.now();
        return Measure.run(clients, duration, mode.maxCallsPerClient(), (client, i) -> {
            for (int attempt = 0; attempt < 1_000; attempt++) {
                if (known[client] >= HOT_ROTATE) {
                    generations[client]++;
                    known[client] = 0;
                }
                UUID stream = new UUID(base, (client % HOT_STREAMS) * 1_000_000L + generations[client]);
                try {
                    subject.append(stream, known[client], List.of(OrderStreams.event(stream, known[client], at)));
                    known[client]++;
                    return 1;
                } catch (Conflict moved) {
                    conflicts.incrementAndGet();
                    known[client] = moved.caughtUpTo() >= 0
                            ? moved.caughtUpTo()
                            : subject.load(stream).size();
                }
            }
            throw new IllegalStateException("1,000 conflicts in a row on one hot stream");
        });
    }

    /** Four clients loading prepared streams of {@code length} events; a wrong count is a correctness failure. */
    Result load(int length, Duration duration) throws InterruptedException {
        List<UUID> streams = length == 10 ? tenEventStreams : thousandEventStreams;
        return Measure.run(4, duration, mode.maxCallsPerClient(), (client, i) -> {
            UUID stream = streams.get((int) ((i * 4 + client) % streams.size()));
            int loaded = subject.load(stream).size();
            if (loaded != length) {
                fail("load of a " + length + "-event stream returned " + loaded + " events");
            }
            return loaded;
        });
    }

    /**
     * Reads the first {@code catchUpEvents} of the log in batches of 500, optionally folding each order's view with
     * {@link OrderProjection}. A short or broken read is a correctness failure.
     */
    Result catchUp(boolean project, int events) {
        long start = System.nanoTime();
        Histogram perBatch = Measure.histogram();
        Map<UUID, OrderView> views = new HashMap<>();
        P position = subject.start();
        long read = 0;
        long batches = 0;
        long broken = 0;
        while (read < events) {
            long before = System.nanoTime();
            Batch<P> batch = subject.read(position, (int) Math.min(READ_BATCH, events - read));
            if (batch.events().isEmpty()) {
                break;
            }
            if (project) {
                for (Read each : batch.events()) {
                    var recorded = new RecordedEvent(
                            new LogPosition(0, read + 1),
                            StreamId.of(OrderService.STREAM, each.stream()),
                            each.version(),
                            new UUID(each.stream().getMostSignificantBits(), each.version()),
                            each.event(),
                            METADATA,
                            each.event().at());
                    OrderView next = OrderProjection.apply(views.get(each.stream()), recorded);
                    if (next == null) {
                        broken++;
                    } else {
                        views.put(each.stream(), next);
                    }
                }
            }
            read += batch.events().size();
            batches++;
            position = batch.next();
            perBatch.recordValue((System.nanoTime() - before) / 1_000);
        }
        if (read != events) {
            fail("catch-up read " + read + " of " + events + " events");
        }
        if (broken > 0) {
            fail("catch-up projection met " + broken + " events out of stream order");
        }
        return new Result(batches, read, (System.nanoTime() - start) / 1e9, perBatch);
    }

    /**
     * Live tail across processes: a child JVM appends {@code tailEvents} events stamped with the wall clock, this
     * process tails the log and records how long each took to arrive.
     */
    Result tailAcrossProcesses(String subjectName) throws InterruptedException, IOException {
        P position = subject.head();
        P from = position;
        UUID stream = UUID.randomUUID();
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var child = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        LoadDriver.class.getName(),
                        "tail-writer",
                        subjectName,
                        url,
                        stream.toString(),
                        Integer.toString(mode.tailEvents()),
                        Long.toString(mode.tailInterval().toMillis()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        Histogram micros = Measure.histogram();
        long received = 0;
        // each event's delay and when it came, by arrival: where the slow ones lie (first ones, a burst, spread)
        long[] delays = new long[mode.tailEvents()];
        long[] arrivals = new long[mode.tailEvents()];
        long before = 0; // events of other streams read before this tail's first: the writer's warm-up, and more
        long start = System.nanoTime();
        long deadline = start
                + mode.tailInterval()
                        .multipliedBy(mode.tailEvents())
                        .plusSeconds(60)
                        .toNanos();
        try {
            while (received < mode.tailEvents() && System.nanoTime() < deadline) {
                Batch<P> batch = subject.tail(position, READ_BATCH, Duration.ofMillis(500));
                Instant now = Instant.now();
                for (Read each : batch.events()) {
                    if (!each.stream().equals(stream)) {
                        if (received == 0) {
                            before++;
                        }
                        continue;
                    }
                    long delay =
                            Math.max(0, Duration.between(each.event().at(), now).toNanos() / 1_000);
                    micros.recordValue(delay);
                    if (received < delays.length) {
                        delays[(int) received] = delay;
                        arrivals[(int) received] = System.nanoTime() - start;
                    }
                    received++;
                }
                position = batch.next();
                if (!child.isAlive() && child.exitValue() != 0) {
                    break;
                }
            }
        } finally {
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        if (child.exitValue() != 0) {
            fail("the tail writer process exited with " + child.exitValue());
        }
        System.out.println("  live tail " + subject.name() + " from " + from + ": " + before
                + " events of other streams read first;"
                + " slowest: " + slowest(delays, arrivals, (int) Math.min(received, delays.length), 5));
        if (received != mode.tailEvents()) {
            String what = "live tail received " + received + " of " + mode.tailEvents() + " events";
            if (mustNotSkip) {
                fail(what);
            } else {
                System.out.println("  note: " + subject.name() + " " + what);
            }
        }
        return new Result(received, received, (System.nanoTime() - start) / 1e9, micros);
    }

    /** The {@code count} largest delays of the first {@code n}: each one's arrival index, delay and arrival time. */
    static String slowest(long[] delays, long[] arrivals, int n, int count) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(delays[b], delays[a]));
        var out = new StringBuilder();
        for (int k = 0; k < Math.min(count, n); k++) {
            int i = order[k];
            out.append(k == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "#%d %.1f ms at %.2f s", i, delays[i] / 1e3, arrivals[i] / 1e9));
        }
        return out.toString();
    }

    /** Figures of one gap-torture run. */
    record Torture(long written, long seen, long skipped, long duplicates, double seconds) {}

    /**
     * Gap torture: sixteen writers append batches of 1 to 50 events as fast as they can while a reader follows the
     * log; the transactions commit in a different order than they took their positions. Afterwards the reader
     * drains, and every written event it never saw is a skip. Zero skips is required only of our store.
     */
    Torture gapTorture(Duration duration) throws InterruptedException {
        P position = subject.head();
        Set<UUID> streams = ConcurrentHashMap.newKeySet();
        var written = new AtomicLong();
        var writersDone = new AtomicBoolean();
        Map<UUID, Set<Long>> seen = new HashMap<>();
        long seenTotal = 0;
        long start = System.nanoTime();
        long seed = random.nextLong();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var writers = executor.submit(() -> {
                try {
                    Measure.run(16, duration, mode.maxCallsPerClient(), new Measure.Call() {
                        private final UUID[] mine = new UUID[16];
                        private final long[] versions = new long[16];
                        private final SplittableRandom[] randoms = new SplittableRandom[16];

                        @Override
                        public long run(int client, long i) {
                            if (randoms[client] == null) {
                                randoms[client] = new SplittableRandom(seed + client);
                            }
                            int size = 1 + randoms[client].nextInt(50);
                            if (mine[client] == null || versions[client] > 500) {
                                mine[client] = UUID.randomUUID();
                                versions[client] = 0;
                                streams.add(mine[client]);
                            }
                            subject.append(
                                    mine[client],
                                    versions[client],
                                    OrderStreams.events(mine[client], versions[client], size, Instant.now()));
                            versions[client] += size;
                            written.addAndGet(size);
                            return size;
                        }
                    });
                } finally {
                    writersDone.set(true);
                }
                return null;
            });
            int idleReads = 0;
            long drainDeadline = Long.MAX_VALUE;
            while (idleReads < 3 && System.nanoTime() < drainDeadline) {
                boolean done = writersDone.get();
                if (done && drainDeadline == Long.MAX_VALUE) {
                    drainDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                }
                Batch<P> batch = subject.read(position, READ_BATCH);
                for (Read each : batch.events()) {
                    if (streams.contains(each.stream())) {
                        seen.computeIfAbsent(each.stream(), key -> new java.util.HashSet<>())
                                .add(each.version());
                        seenTotal++;
                    }
                }
                position = batch.next();
                if (batch.events().isEmpty()) {
                    idleReads = done ? idleReads + 1 : 0;
                    Thread.sleep(done ? 200 : 2);
                }
            }
            get(writers);
        }
        long distinct = seen.values().stream().mapToLong(Set::size).sum();
        long skipped = written.get() - distinct;
        var torture =
                new Torture(written.get(), seenTotal, skipped, seenTotal - distinct, (System.nanoTime() - start) / 1e9);
        if (mustNotSkip && (torture.skipped() != 0 || torture.duplicates() != 0)) {
            fail("gap torture: " + torture.skipped() + " events skipped, " + torture.duplicates() + " delivered twice");
        }
        return torture;
    }

    private void fail(String what) {
        synchronized (failures) {
            String line = subject.name() + ": " + what;
            if (!failures.contains(line)) {
                failures.add(line);
            }
        }
    }

    private static void get(java.util.concurrent.Future<@Nullable Object> future) throws InterruptedException {
        try {
            future.get();
        } catch (java.util.concurrent.ExecutionException failed) {
            throw new IllegalStateException("gap-torture writers failed: " + failed.getCause(), failed.getCause());
        }
    }
}
