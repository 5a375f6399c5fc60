package org.bookworm.ordering.core.eventsourcing;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.bookworm.ordering.core.eventsourcing.DeadLetters.Hold;
import org.jspecify.annotations.Nullable;

/**
 * A reader of the global log with a checkpoint. Each {@link #pump} first tries again the held lanes whose retry is
 * due, then reads one batch after the checkpoint, hands every event to the handler and saves the checkpoint.
 *
 * <p>A lane is a stream id: an order's {@code order-}, {@code checkout-} and {@code payment-} streams share one, so
 * everything that happens to one order is handled in log order. When the handler fails, the event is held in
 * {@link DeadLetters} and every later event of its lane queues behind it; the checkpoint moves on and other lanes keep
 * flowing. A failure that can pass by waiting ({@link TransientFailure}, a conflict, a timeout, a reset) is retried
 * with {@link RetryBackoff capped exponential backoff and jitter} for as long as it takes. Any other failure is tried
 * {@value #ATTEMPTS} times at once and then parked (dead) until an operator retries or drops its lane. Nothing is
 * ever skipped silently. If the held lanes themselves cannot be written, the batch stops unsaved and comes again.
 *
 * <p>The subscription reads only the events its handler {@link EventHandler#handles handles}; its checkpoint moves
 * past the others ({@link EventLog.Page#end}), so they cost the log's reader a filter, not a decode and a call. A
 * page in which it handles nothing (only events its filter or its partition leaves out) is not worth a commit: it goes
 * on from that page's end in memory and saves it at most every {@link #SAVE_PASSED_OVER_EVERY}, with the next page it
 * handles something in, or at the end of a {@link #drain}. A restart in between reads the passed-over events again and
 * passes over them again, so nothing is skipped or handled twice; a checkpoint that someone else moved (an operator's
 * reset) wins over the position in memory (ADR 0037).
 *
 * <p>An {@link UndecodableEvent} parks its lane at once: no handler can act on it. Each batch runs in a
 * {@link UnitOfWork}: where the handler's effects, the held lanes and the checkpoint share a store (a projection's rows
 * in PostgreSQL) the batch is one transaction and each attempt a nested scope that a failure undoes alone (ADR 0046:
 * the views it changed put back in memory, a savepoint for rows it wrote itself), so every effect shows exactly once;
 * with {@link UnitOfWork#NONE} each write stands alone. Before the first event, the handler is told the batch's events
 * ({@link EventHandler#batchRead}), so a projection reads their views at once.
 *
 * <p>With more than one lane at a time, a batch is split by lane and the parts are handled at the same time, up to
 * {@code lanes} at once, each part in log order; the handler must then be safe to call from several threads for
 * different ids. Handlers must be idempotent: after a crash before the checkpoint, events come again.
 *
 * <p>{@link #partition} restricts a subscription to the lanes of one {@link Partition}, with its own checkpoint, so
 * several processes can share a subscription; {@link PartitionedSubscription} runs the partitions a process leases
 * (ADR 0034). {@link #partitions} restricts it to several partitions of one count, each with its own checkpoint, run in
 * one pass: one read of a page from the earliest of their checkpoints, each event handled by its partition when it is
 * past that partition's checkpoint, their checkpoints loaded together, with the held lanes in the same load ({@link
 * Checkpoints#loadPass}, ADR 0050), and saved together ({@link Checkpoints#saveAll}), so a process holding several
 * partitions costs the stores what one costs.
 */
public final class Subscription {
    static final int ATTEMPTS = 3;
    /** How often at most a subscription commits its checkpoint for pages in which it handled nothing (ADR 0037). */
    public static final Duration SAVE_PASSED_OVER_EVERY = Duration.ofSeconds(5);

    private static final System.Logger LOG = System.getLogger(Subscription.class.getName());

    /** How held lanes are retried: the backoff, the clock that says when a retry is due, and the jitter's source. */
    public record Retries(RetryBackoff backoff, InstantSource clock, DoubleSupplier jitter) {
        public Retries {
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(jitter, "jitter");
        }

        /** The default backoff on this clock, with random jitter. */
        public static Retries on(InstantSource clock) {
            return new Retries(
                    RetryBackoff.DEFAULT,
                    clock,
                    () -> ThreadLocalRandom.current().nextDouble());
        }
    }

    private final String name;
    private final EventLog log;
    private final Checkpoints checkpoints;
    private final DeadLetters held;
    private final EventHandler handler;
    private final EventFilter filter;
    private final int batchSize;
    private final Parts parts;
    private final Retries retries;
    private final UnitOfWork unit;
    private final int lanes;
    /** The partitions this subscription follows: partition 0 of 1 (every lane), or some of one count (ADR 0034). */
    private final List<Partition> partitions;
    /** Whether it follows partitions, each with its checkpoint under its key ({@code order-views#3}), or every lane. */
    private final boolean partitioned;
    /** Checks, before an event or a held lane is handled, that its partition is still this owner's to run. */
    private final Guard guard;

    /** A check run before each event and held lane is handled; it throws to stop the pass unsaved. */
    @FunctionalInterface
    interface Guard {
        Guard NONE = lane -> {};

        void check(UUID lane);
    }

    /** One event at a time, retried on the system clock. */
    public Subscription(
            String name,
            EventLog log,
            Checkpoints checkpoints,
            DeadLetters deadLetters,
            EventHandler handler,
            int batchSize) {
        this(name, log, checkpoints, deadLetters, handler, batchSize, 1);
    }

    /** Up to {@code lanes} lanes handled at once (see the class comment), retried on the system clock. */
    public Subscription(
            String name,
            EventLog log,
            Checkpoints checkpoints,
            DeadLetters deadLetters,
            EventHandler handler,
            int batchSize,
            int lanes) {
        this(name, log, checkpoints, deadLetters, handler, batchSize, lanes, Retries.on(InstantSource.system()));
    }

    public Subscription(
            String name,
            EventLog log,
            Checkpoints checkpoints,
            DeadLetters deadLetters,
            EventHandler handler,
            int batchSize,
            int lanes,
            Retries retries) {
        this(name, log, checkpoints, deadLetters, handler, batchSize, lanes, retries, UnitOfWork.NONE);
    }

    /**
     * Each batch in {@code unit}: the handler's effects, the held lanes and the checkpoint commit together when the
     * unit is a transaction of the store they share. A transactional unit is bound to the thread that runs the batch,
     * so it takes one lane at a time.
     */
    public Subscription(
            String name,
            EventLog log,
            Checkpoints checkpoints,
            DeadLetters deadLetters,
            EventHandler handler,
            int batchSize,
            int lanes,
            Retries retries,
            UnitOfWork unit) {
        this(name, log, checkpoints, deadLetters, handler, batchSize, lanes, retries, unit, null, Guard.NONE);
    }

    private Subscription(
            String name,
            EventLog log,
            Checkpoints checkpoints,
            DeadLetters deadLetters,
            EventHandler handler,
            int batchSize,
            int lanes,
            Retries retries,
            UnitOfWork unit,
            @Nullable List<Partition> partitions,
            Guard guard) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
        if (unit.isTransactional() && lanes != 1) {
            throw new IllegalArgumentException(
                    "a subscription whose batch is one transaction handles one lane at a time, not " + lanes);
        }
        this.parts = new Parts(name, lanes);
        this.lanes = lanes;
        this.partitioned = partitions != null;
        this.partitions = partitions != null ? List.copyOf(partitions) : List.of(new Partition(0, 1));
        if (this.partitions.isEmpty()
                || this.partitions.stream().map(Partition::count).distinct().count() != 1
                || this.partitions.stream().distinct().count() != this.partitions.size()) {
            throw new IllegalArgumentException(
                    "a subscription follows distinct partitions of one count, not " + this.partitions);
        }
        this.guard = guard;
        this.name = name;
        this.log = log;
        this.checkpoints = checkpoints;
        this.held = deadLetters;
        this.handler = handler;
        this.filter = handler.handles();
        this.batchSize = batchSize;
        this.retries = retries;
        this.unit = unit;
    }

    /**
     * The same subscription restricted to one partition's lanes (ADR 0034): it reads the same log, handles only the
     * events whose lane hashes to {@code partition} and passes over the others, keeps its checkpoint under the
     * partition's key (starting from the whole subscription's checkpoint until it saved one of its own), retries only
     * its own held lanes (kept under the subscription's name, so the operator's verbs see them all), and writes its
     * checkpoint and held lanes through {@code checkpoints} and {@code deadLetters}, which a partition's owner fences
     * with its lease.
     */
    public Subscription partition(Partition partition, Checkpoints checkpoints, DeadLetters deadLetters) {
        return partitions(
                List.of(Objects.requireNonNull(partition, "partition")), checkpoints, deadLetters, Guard.NONE);
    }

    /**
     * The same subscription restricted to several partitions of one count, run in one pass (see the class comment):
     * each as {@link #partition} would run it alone, with its own checkpoint and held lanes, written through {@code
     * checkpoints} and {@code deadLetters} (which an owner fences, each partition with its own lease); {@code guard}
     * is asked before each event and held lane is handled, and stops the pass, unsaved, by throwing.
     */
    Subscription partitions(List<Partition> partitions, Checkpoints checkpoints, DeadLetters deadLetters, Guard guard) {
        return new Subscription(
                name,
                log,
                checkpoints,
                deadLetters,
                handler,
                batchSize,
                lanes,
                retries,
                unit,
                Objects.requireNonNull(partitions, "partitions"),
                Objects.requireNonNull(guard, "guard"));
    }

    public String name() {
        return name;
    }

    /** The partitions this subscription follows; partition 0 of 1 when it follows every lane. */
    public List<Partition> partitions() {
        return partitions;
    }

    /**
     * Where it has got to: the stored checkpoint, or past it where it looked through pages it had nothing to do in;
     * following several partitions, the earliest of theirs.
     */
    public LogPosition position() {
        return earliest(resumeFrom(checkpoints(partitions)).values());
    }

    /**
     * The log looked through, up to {@code to}, past a checkpoint as it was stored ({@code stored}) and loaded since,
     * without anything to handle: not saved yet.
     */
    private record PassedOver(LogPosition stored, LogPosition to) {}

    /** By checkpoint key, what was passed over and not saved yet. */
    private final Map<String, PassedOver> passedOver = new ConcurrentHashMap<>();
    /** When the checkpoint was last saved (or the subscription made): a passed-over page saves after the interval. */
    private volatile @Nullable Instant savedAt;

    /** Where its checkpoint is kept: its name, or its partition's key ({@code order-views#3}). */
    private String key(Partition partition) {
        return partitioned ? partition.key(name) : name;
    }

    /**
     * Where each partition reads on from: past its stored checkpoint to where pages were passed over, unless the
     * checkpoint moved since.
     */
    private Map<Partition, LogPosition> resumeFrom(Map<Partition, LogPosition> stored) {
        var from = new LinkedHashMap<Partition, LogPosition>();
        stored.forEach((partition, position) -> {
            PassedOver ahead = passedOver.get(key(partition));
            from.put(partition, ahead != null && ahead.stored().equals(position) ? ahead.to() : position);
        });
        return from;
    }

    private static LogPosition earliest(Iterable<LogPosition> positions) {
        LogPosition earliest = null;
        for (LogPosition position : positions) {
            earliest = earliest == null || earliest.isAfter(position) ? position : earliest;
        }
        return Objects.requireNonNull(earliest, "no partition");
    }

    private static LogPosition later(LogPosition one, LogPosition other) {
        return one.isAfter(other) ? one : other;
    }

    /**
     * Saves each partition's checkpoint at {@code end} (or where it was, when that is later), those that moved, all
     * in one call when there are several.
     */
    private void save(Map<Partition, LogPosition> stored, Map<Partition, LogPosition> from, LogPosition end) {
        var to = new LinkedHashMap<String, LogPosition>();
        from.forEach((partition, position) -> {
            LogPosition next = later(position, end);
            if (!next.equals(stored.get(partition))) {
                to.put(key(partition), next);
            }
        });
        if (to.size() == 1) {
            var only = to.entrySet().iterator().next();
            checkpoints.save(only.getKey(), only.getValue());
        } else if (!to.isEmpty()) {
            checkpoints.saveAll(to);
        }
        from.keySet().forEach(partition -> passedOver.remove(key(partition)));
        savedAt = retries.clock().instant();
    }

    /** A page in which nothing was handled: saved only when the interval since the last save has passed. */
    private void passedOver(Map<Partition, LogPosition> stored, Map<Partition, LogPosition> from, LogPosition end) {
        Instant now = retries.clock().instant();
        Instant last = savedAt;
        if (last == null) {
            savedAt = now; // the interval starts with the subscription
        } else if (!now.isBefore(last.plus(SAVE_PASSED_OVER_EVERY))) {
            save(stored, from, end);
            return;
        }
        from.forEach((partition, position) -> {
            if (end.isAfter(position)) {
                passedOver.put(key(partition), new PassedOver(stored.get(partition), end));
            }
        });
    }

    /**
     * The stored checkpoint of each partition, loaded together when there are several. A partition without a
     * checkpoint of its own goes on from the whole subscription's (kept under its name).
     */
    private Map<Partition, LogPosition> checkpoints(List<Partition> followed) {
        Map<String, LogPosition> own = followed.size() == 1
                ? Map.of(key(followed.get(0)), checkpoints.load(key(followed.get(0))))
                : checkpoints.loadAll(followed.stream().map(this::key).toList());
        return stored(followed, own, () -> checkpoints.load(name));
    }

    /**
     * The stored checkpoint of each partition from {@code own} (as loaded by key), a partition without one of its own
     * going on from {@code whole}, asked at most once.
     */
    private Map<Partition, LogPosition> stored(
            List<Partition> followed, Map<String, LogPosition> own, Supplier<LogPosition> whole) {
        LogPosition wholePosition = null;
        var stored = new LinkedHashMap<Partition, LogPosition>();
        for (Partition partition : followed) {
            LogPosition position = own.getOrDefault(key(partition), LogPosition.START);
            if (position.equals(LogPosition.START) && partitioned) {
                wholePosition = wholePosition != null ? wholePosition : whole.get();
                position = wholePosition;
            }
            stored.put(partition, position);
        }
        return stored;
    }

    /**
     * What a pass starts from, in one load of both stores (ADR 0050): the followed partitions' checkpoints, the whole
     * subscription's (where a partition without a checkpoint of its own goes on from) and the held lanes.
     */
    private Checkpoints.PassStart loadPass(List<Partition> followed) {
        var keys = new ArrayList<String>();
        followed.forEach(partition -> keys.add(key(partition)));
        if (partitioned) {
            keys.add(name);
        }
        return checkpoints.loadPass(keys, held, name);
    }

    /** The checkpoint and the held lanes, as an operator sees them. */
    public SubscriptionStatus status() {
        return SubscriptionStatus.of(name, position(), ownLanes(partitions));
    }

    private List<DeadLetters.Lane> ownLanes(List<Partition> followed) {
        return ownLanes(followed, held.lanes(name));
    }

    /** The lanes of {@code all} (the subscription's held lanes) that belong to {@code followed}. */
    private List<DeadLetters.Lane> ownLanes(List<Partition> followed, List<DeadLetters.Lane> all) {
        return !partitioned || followed.get(0).count() == 1
                ? all
                : all.stream().filter(lane -> of(followed, lane.id()) != null).toList();
    }

    /** Which of {@code followed} holds {@code lane}; null when none does. */
    private static @Nullable Partition of(List<Partition> followed, UUID lane) {
        Partition any = followed.get(0);
        if (any.count() == 1) {
            return any;
        }
        var partition = new Partition(Partition.of(lane, any.count()), any.count());
        return followed.contains(partition) ? partition : null;
    }

    /**
     * Retries the due held lanes, then handles one batch, all in one unit of work; returns how many new events it read
     * (0: caught up, or another owner holds the subscription).
     */
    public int pump() {
        lastPump = null;
        return inUnit(this::pumpInUnit);
    }

    /** Runs {@code work} in one unit of work over the partitions whose batch this owner may run now. */
    private int inUnit(ToIntFunction<List<Partition>> work) {
        if (partitions.size() == 1) {
            return unit.batch(key(partitions.get(0)), () -> work.applyAsInt(partitions));
        }
        List<String> keys = partitions.stream().map(this::key).toList();
        return unit.batch(
                name,
                keys,
                locked -> locked.isEmpty()
                        ? 0
                        : work.applyAsInt(partitions.stream()
                                .filter(partition -> locked.contains(key(partition)))
                                .toList()));
    }

    /** What the last pump that ran did: whether its page was full, and where the log was looked through to. */
    private record Pumped(boolean full, LogPosition end) {}

    /** The last pump's outcome, once its unit committed; null while none ran (another owner holds the subscription). */
    private volatile @Nullable Pumped lastPump;

    private int pumpInUnit(List<Partition> followed) {
        Set<UUID> holding = ConcurrentHashMap.newKeySet();
        Checkpoints.PassStart start = loadPass(followed);
        retryDueLanes(ownLanes(followed, start.lanes()), holding);
        Map<Partition, LogPosition> stored =
                stored(followed, start.checkpoints(), () -> start.checkpoints().get(name));
        Map<Partition, LogPosition> from = resumeFrom(stored);
        LogPosition checkpoint = earliest(from.values());
        EventLog.Page page = log.read(checkpoint, batchSize, filter);
        List<RecordedEvent> batch = page.events();
        if (batch.isEmpty()) {
            if (page.end().isAfter(checkpoint)) {
                passedOver(stored, from, page.end()); // only events this subscription does not handle
            }
            lastPump = new Pumped(false, page.end());
            return 0;
        }
        Map<UUID, List<RecordedEvent>> byLane = new LinkedHashMap<>();
        List<RecordedEvent> handled = new ArrayList<>();
        for (RecordedEvent event : batch) {
            UUID lane = event.stream().id();
            Partition partition = of(followed, lane);
            // another partition's lanes are passed over (their owner handles them), and so are the events a partition
            // followed here handled before (its checkpoint is past them: it ran alone, or was claimed, further on)
            if (partition != null && event.position().isAfter(from.get(partition))) {
                byLane.computeIfAbsent(lane, id -> new ArrayList<>()).add(event);
                handled.add(event);
            }
        }
        if (byLane.isEmpty()) {
            passedOver(stored, from, page.end()); // only other partitions' events
        } else {
            handler.batchRead(handled);
            parts.run(byLane.values().stream()
                    .<Runnable>map(part -> () -> handleInOrder(part, holding))
                    .toList());
            save(stored, from, page.end());
        }
        lastPump = new Pumped(batch.size() == batchSize, page.end());
        return batch.size();
    }

    /** Retries the lanes of {@code own} whose retry is due; every lane still held is left in {@code holding}. */
    private void retryDueLanes(List<DeadLetters.Lane> own, Set<UUID> holding) {
        Instant now = retries.clock().instant();
        var due = new ArrayList<DeadLetters.Lane>();
        for (DeadLetters.Lane lane : own) {
            holding.add(lane.id());
            if (lane.hold().status() == DeadLetters.Status.RETRYING
                    && !lane.hold().nextAttempt().isAfter(now)
                    && due.size() < batchSize) {
                due.add(lane);
            }
        }
        parts.run(due.stream()
                .<Runnable>map(lane -> () -> {
                    if (retry(lane)) {
                        holding.remove(lane.id());
                    }
                })
                .toList());
    }

    /** Handles the lane's events in order; true when the lane emptied, false when it is held again. */
    private boolean retry(DeadLetters.Lane lane) {
        int failedBefore = lane.hold().attempts();
        for (RecordedEvent event : held.events(name, lane.id())) {
            guard.check(lane.id());
            Hold failed = attempt(event, failedBefore);
            if (failed != null) {
                held.update(name, lane.id(), failed);
                return false;
            }
            held.release(name, event);
            failedBefore = 0; // the next event has not failed yet
        }
        LOG.log(
                Level.INFO,
                () -> name + " recovered lane " + lane.id() + " after "
                        + lane.hold().attempts() + " failed attempts");
        held.drop(name, lane.id()); // a lane left with no events (an operator's retry of an emptied lane)
        return true;
    }

    private void handleInOrder(List<RecordedEvent> part, Set<UUID> holding) {
        for (RecordedEvent event : part) {
            UUID lane = event.stream().id();
            guard.check(lane);
            if (holding.contains(lane)) {
                held.hold(name, event, Hold.retrying(0, retries.clock().instant(), "behind an earlier event"));
                continue;
            }
            Hold failed = attempt(event, 0);
            if (failed != null) {
                held.hold(name, event, failed);
                holding.add(lane);
            }
        }
    }

    /** Handles one event; null when it succeeded, else how its lane is held after {@code failedBefore} failures. */
    private @Nullable Hold attempt(RecordedEvent event, int failedBefore) {
        if (event.event() instanceof UndecodableEvent undecodable) {
            String error = "cannot decode " + event.stream() + " v" + event.version() + ": " + undecodable.error();
            LOG.log(Level.WARNING, () -> name + " parked lane " + event.stream() + ": " + error);
            return Hold.parked(failedBefore + 1, retries.clock().instant(), error);
        }
        RuntimeException last = null;
        for (int tries = 1; tries <= ATTEMPTS; tries++) {
            try {
                unit.attempt(() -> handler.handle(event));
                return null;
            } catch (RuntimeException failure) {
                if (Failures.isTransient(failure)) {
                    return retryLater(event, failedBefore + 1, failure);
                }
                last = failure;
            }
        }
        String error = Failures.describe(Objects.requireNonNull(last));
        LOG.log(
                Level.WARNING,
                () -> name + " parked lane " + event.stream() + " at v" + event.version() + " ("
                        + event.event().getClass().getSimpleName() + "): " + error);
        return Hold.parked(failedBefore + 1, retries.clock().instant(), error);
    }

    private Hold retryLater(RecordedEvent event, int attempts, RuntimeException failure) {
        Duration wait = retries.backoff().delay(attempts, retries.jitter().getAsDouble());
        String error = Failures.describe(failure);
        // the first failure and then every tenth: an outage of minutes must not flood the log
        if (attempts == 1 || attempts % 10 == 0) {
            LOG.log(
                    Level.WARNING,
                    () -> name + " holds lane " + event.stream() + " at v" + event.version() + " after " + attempts
                            + " failed attempts, next in " + wait + ": " + error);
        }
        return Hold.retrying(attempts, retries.clock().instant().plus(wait), error);
    }

    /**
     * Pumps until a page comes back less than full and returns where the log was looked through to: one read per
     * wake-up when the events fit a page, not a second one to find nothing. The position is the committed
     * checkpoint's; when no pump ran (another owner holds the subscription), the checkpoint as stored.
     */
    LogPosition catchUp() {
        while (true) {
            pump();
            Pumped pumped = lastPump;
            if (pumped == null) {
                return position();
            }
            if (!pumped.full()) {
                return pumped.end();
            }
        }
    }

    /**
     * Pumps until caught up, then saves where it looked through to if pages it passed over are not saved yet; returns
     * how many new events it read.
     */
    public int drain() {
        int read = drain(this::pump);
        savePassedOver();
        return read;
    }

    /**
     * Saves where pages were passed over to, in the unit of work (so under the lock an operator's reset takes), unless
     * the stored checkpoint moved since.
     */
    void savePassedOver() {
        if (passedOver.isEmpty()) {
            return;
        }
        inUnit(followed -> {
            Map<Partition, LogPosition> stored = checkpoints(followed);
            Map<Partition, LogPosition> from = resumeFrom(stored);
            if (!from.equals(stored)) {
                // each partition saved where it may read on from: past its checkpoint where a page was passed over
                save(stored, from, earliest(from.values()));
            }
            return 0;
        });
    }

    /** Runs {@code pump} until it reads nothing; returns how many events it read in all. */
    static int drain(IntSupplier pump) {
        int total = 0;
        int read;
        while ((read = pump.getAsInt()) > 0) {
            total += read;
        }
        return total;
    }

    /**
     * Keeps the subscription current until the calling thread is interrupted: pumps until a page is not full (the log
     * had nothing more below its horizon), then waits until the log has events after where that page ended that its
     * handler handles, as far as the log can tell (the log's wake-up, or at the latest {@code maxWait}, which also
     * bounds how late a due retry runs and how late pages passed over are saved). A failure is logged and the
     * subscription tries again after {@code pause}; nothing is skipped, as the checkpoint only moves after a batch.
     */
    public void follow(Duration maxWait, Duration pause) throws InterruptedException {
        follow(name, pause, () -> log.awaitEvents(catchUp(), maxWait, filter));
    }

    /** The events its handler handles: what it reads, and what wakes it. */
    EventFilter filter() {
        return filter;
    }

    /** One round of a follow loop: catch up, then wait for more. */
    @FunctionalInterface
    interface Round {
        void run() throws InterruptedException;
    }

    /**
     * Runs {@code round} until the calling thread is interrupted; a failure is logged (an outage of the store as a
     * warning) and the next round runs after {@code pause}.
     */
    static void follow(String name, Duration pause, Round round) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                round.run();
            } catch (TransientFailure outage) {
                LOG.log(Level.WARNING, name + " waits for its store; trying again in " + pause + ": " + outage);
                Thread.sleep(pause.toMillis());
            } catch (RuntimeException failure) {
                LOG.log(Level.ERROR, name + " failed; trying again in " + pause, failure);
                Thread.sleep(pause.toMillis());
            }
        }
        throw new InterruptedException(name + " stopped");
    }
}
