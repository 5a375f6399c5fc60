package org.bookworm.ordering.core.inmemory;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.bookworm.ordering.core.eventsourcing.ClaimOwner;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.EventStore;
import org.bookworm.ordering.core.eventsourcing.EventStream;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeyTaken;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeys;
import org.bookworm.ordering.core.eventsourcing.IdempotencyRecord;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.jspecify.annotations.Nullable;

/**
 * The reference event store: one lock, one list. Appends are atomic with their idempotency key; the log position of
 * an event is its index, and it is visible the moment it is appended, so no reader can skip one.
 */
public final class InMemoryEventStore implements EventStore, EventLog, IdempotencyKeys {
    private static final long OWN_PROCESS = 0;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final List<RecordedEvent> log = new ArrayList<>();
    private final Map<StreamId, List<RecordedEvent>> streams = new HashMap<>();
    private final Map<UUID, RecordedEvent> byEventId = new HashMap<>();
    private final Map<String, IdempotencyRecord> keys = new HashMap<>();
    /** The owner of each claim in {@link #keys} (ADR 0036); the store's own process is {@link #OWN_PROCESS}. */
    private final Map<String, Long> claimOwners = new HashMap<>();

    private final Set<Long> liveOwners = new HashSet<>(Set.of(OWN_PROCESS));
    private long nextOwner = OWN_PROCESS + 1;
    private final List<Consumer<RecordedEvent>> withEachAppend = new ArrayList<>();

    public InMemoryEventStore(InstantSource clock) {
        this.clock = clock;
    }

    /**
     * Adds a write that belongs to the append of each event, done under the store's lock before the append returns:
     * what PostgreSQL commits in the append's own transaction (a saga step's deadline, {@code
     * SagaDeadlines.Deadline.requestedBy}). A retried append that writes nothing does not repeat it.
     */
    public void writeWithEachAppend(Consumer<RecordedEvent> write) {
        lock.lock();
        try {
            withEachAppend.add(write);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public EventStream load(StreamId stream, long afterVersion, long upToVersion) {
        lock.lock();
        try {
            List<RecordedEvent> events = streams.getOrDefault(stream, List.of()).stream()
                    .filter(e -> e.version() > afterVersion && e.version() <= upToVersion)
                    .toList();
            long version = events.isEmpty()
                    ? Math.min(
                            afterVersion,
                            streams.getOrDefault(stream, List.of()).size())
                    : events.get(events.size() - 1).version();
            return new EventStream(stream, version, events);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public EventStream loadAsOf(StreamId stream, Instant instant) {
        lock.lock();
        try {
            List<RecordedEvent> events = streams.getOrDefault(stream, List.of()).stream()
                    .filter(e -> !e.recordedAt().isAfter(instant))
                    .toList();
            return new EventStream(stream, events.size(), events);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long append(
            StreamId stream, long expectedVersion, List<NewEvent> events, @Nullable IdempotencyRecord idempotency) {
        lock.lock();
        try {
            Optional<Long> retried = retriedVersion(stream, expectedVersion, events);
            if (retried.isPresent()) {
                return retried.get();
            }
            List<RecordedEvent> existing = streams.computeIfAbsent(stream, s -> new ArrayList<>());
            if (existing.size() != expectedVersion) {
                List<RecordedEvent> since = existing.size() > expectedVersion
                        ? existing.subList((int) expectedVersion, existing.size())
                        : List.of();
                throw new ConcurrencyConflict(stream, expectedVersion, new EventStream(stream, existing.size(), since));
            }
            if (idempotency != null && !completes(idempotency)) {
                throw new IdempotencyKeyTaken(idempotency.scope(), idempotency.key());
            }
            Instant now = clock.instant();
            long version = expectedVersion;
            for (NewEvent event : events) {
                long position = log.size() + 1L;
                var recorded = new RecordedEvent(
                        new LogPosition(position, position),
                        stream,
                        ++version,
                        event.eventId(),
                        event.event(),
                        event.metadata(),
                        now);
                log.add(recorded);
                existing.add(recorded);
                byEventId.put(event.eventId(), recorded);
                withEachAppend.forEach(write -> write.accept(recorded));
            }
            if (idempotency != null) {
                keys.put(keyOf(idempotency.scope(), idempotency.key()), idempotency);
                claimOwners.remove(keyOf(idempotency.scope(), idempotency.key())); // an outcome has no owner
            }
            appended.signalAll();
            return version;
        } finally {
            lock.unlock();
        }
    }

    /** The same event ids sent again: answer as the first append did, or refuse a mismatch loudly. */
    private Optional<Long> retriedVersion(StreamId stream, long expectedVersion, List<NewEvent> events) {
        if (events.isEmpty() || !byEventId.containsKey(events.get(0).eventId())) {
            if (events.stream().anyMatch(e -> byEventId.containsKey(e.eventId()))) {
                throw new IllegalStateException(
                        "event ids of this append were partly stored before: a bug in the caller");
            }
            return Optional.empty();
        }
        for (int i = 0; i < events.size(); i++) {
            RecordedEvent stored = byEventId.get(events.get(i).eventId());
            if (stored == null || !stored.stream().equals(stream) || stored.version() != expectedVersion + i + 1) {
                throw new IllegalStateException("event id " + events.get(i).eventId() + " was stored elsewhere before");
            }
        }
        return Optional.of(expectedVersion + events.size());
    }

    @Override
    public Page read(LogPosition after, int limit, EventFilter filter) {
        if (limit < 1) {
            throw new IllegalArgumentException("read at least one event");
        }
        lock.lock();
        try {
            var matching = new ArrayList<RecordedEvent>(Math.min(limit, 1_000));
            LogPosition end = after;
            for (int i = (int) Math.min(after.position(), log.size()); i < log.size() && matching.size() < limit; i++) {
                RecordedEvent event = log.get(i);
                if (filter.matches(event)) {
                    matching.add(event);
                }
                end = event.position();
            }
            return new Page(matching, end);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitEvents(LogPosition after, Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (log.size() <= after.position()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                appended.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A done record may take a free key or complete a claim of the same request, never replace an outcome. */
    private boolean completes(IdempotencyRecord done) {
        if (!(done.answer() instanceof IdempotencyRecord.Answer.Done)) {
            throw new IllegalArgumentException("an append stores a done record, not " + done.answer());
        }
        IdempotencyRecord held = keys.get(keyOf(done.scope(), done.key()));
        return held == null
                || held.answer() instanceof IdempotencyRecord.Answer.InFlight
                        && held.requestHash().equals(done.requestHash());
    }

    @Override
    public Optional<IdempotencyRecord> claim(IdempotencyRecord claim) {
        return claimFor(OWN_PROCESS, claim);
    }

    /**
     * Takes a free key, a claim that ran out, or the claim of an owner that ended (ADR 0036); else answers what holds
     * the key.
     */
    private Optional<IdempotencyRecord> claimFor(long owner, IdempotencyRecord claim) {
        if (!(claim.answer() instanceof IdempotencyRecord.Answer.InFlight)) {
            throw new IllegalArgumentException("a claim is an in-flight record, not " + claim.answer());
        }
        lock.lock();
        try {
            if (!liveOwners.contains(owner)) {
                throw new IllegalStateException("this process's claim owner has ended: it claims nothing more");
            }
            String key = keyOf(claim.scope(), claim.key());
            IdempotencyRecord held = keys.get(key);
            if (held == null
                    || held.answer() instanceof IdempotencyRecord.Answer.InFlight
                            && (!held.heldAt(claim.createdAt())
                                    || !liveOwners.contains(claimOwners.getOrDefault(key, OWN_PROCESS)))) {
                keys.put(key, claim);
                claimOwners.put(key, owner);
                return Optional.empty();
            }
            return Optional.of(held);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void release(IdempotencyRecord claim) {
        lock.lock();
        try {
            String key = keyOf(claim.scope(), claim.key());
            if (keys.remove(key, claim)) {
                claimOwners.remove(key);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<IdempotencyRecord> find(String scope, String key) {
        lock.lock();
        try {
            return Optional.ofNullable(keys.get(keyOf(scope, key)));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int purgeOlderThan(Instant cutoff) {
        lock.lock();
        try {
            int before = keys.size();
            keys.values().removeIf(record -> record.createdAt().isBefore(cutoff));
            claimOwners.keySet().retainAll(keys.keySet());
            return before - keys.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The request ids of another process on this store (ADR 0036): its claims hold while it lives, and this store's
     * own claims, or another owner's, take them over at once when it is closed. The store's own {@link
     * IdempotencyKeys} claim for the process that made the store, which lives as long as the store.
     */
    public ClaimOwner newClaimOwner() {
        lock.lock();
        try {
            long owner = nextOwner++;
            liveOwners.add(owner);
            return new InMemoryClaimOwner(owner);
        } finally {
            lock.unlock();
        }
    }

    /** One process's claims on this store. */
    private final class InMemoryClaimOwner implements ClaimOwner {
        private final long owner;
        private final IdempotencyKeys keys = new IdempotencyKeys() {
            @Override
            public Optional<IdempotencyRecord> claim(IdempotencyRecord claim) {
                return claimFor(owner, claim);
            }

            @Override
            public void release(IdempotencyRecord claim) {
                InMemoryEventStore.this.release(claim);
            }

            @Override
            public Optional<IdempotencyRecord> find(String scope, String key) {
                return InMemoryEventStore.this.find(scope, key);
            }

            @Override
            public int purgeOlderThan(Instant cutoff) {
                return InMemoryEventStore.this.purgeOlderThan(cutoff);
            }
        };

        InMemoryClaimOwner(long owner) {
            this.owner = owner;
        }

        @Override
        public IdempotencyKeys keys() {
            return keys;
        }

        @Override
        public void close() {
            lock.lock();
            try {
                liveOwners.remove(owner);
            } finally {
                lock.unlock();
            }
        }
    }

    private static String keyOf(String scope, String key) {
        return scope + "\u0000" + key;
    }
}
