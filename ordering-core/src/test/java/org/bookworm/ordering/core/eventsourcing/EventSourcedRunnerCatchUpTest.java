package org.bookworm.ordering.core.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.inmemory.InMemoryEventStore;
import org.bookworm.ordering.core.inmemory.InMemorySnapshots;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * After a {@link ConcurrencyConflict} the runner decides again on the state caught up with the events the conflict
 * carries, without reloading the stream; a conflict without them makes it reload (issue 14).
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class EventSourcedRunnerCatchUpTest {
    private static final StreamType COUNTERS = StreamType.of("counter");
    private static final Metadata METADATA = new Metadata("test", List.of(), new UUID(1, 1), null, null);

    record Added(int amount) implements DomainEvent {}

    /** A sum of the amounts added; accepts every command. */
    static final class Sum implements Decider<Integer, Integer, Added, String> {
        @Override
        public Integer initialState() {
            return 0;
        }

        @Override
        public Decision<Added, String> decide(Integer command, Integer state) {
            return Decision.accept(new Added(command));
        }

        @Override
        public Integer evolve(Integer state, Added event) {
            return state + event.amount();
        }

        @Override
        public boolean isTerminal(Integer state) {
            return false;
        }
    }

    /** The in-memory store, counting loads, optionally answering conflicts without their events (an older store). */
    static final class CountingStore implements EventStore {
        final InMemoryEventStore store;
        final boolean withoutEvents;
        int loads;

        CountingStore(InMemoryEventStore store, boolean withoutEvents) {
            this.store = store;
            this.withoutEvents = withoutEvents;
        }

        @Override
        public EventStream load(StreamId stream, long afterVersion, long upToVersion) {
            loads++;
            return store.load(stream, afterVersion, upToVersion);
        }

        @Override
        public EventStream loadAsOf(StreamId stream, Instant instant) {
            return store.loadAsOf(stream, instant);
        }

        @Override
        public long append(
                StreamId stream, long expected, List<NewEvent> events, @Nullable IdempotencyRecord idempotency) {
            try {
                return store.append(stream, expected, events, idempotency);
            } catch (ConcurrencyConflict conflict) {
                throw withoutEvents ? new ConcurrencyConflict(stream, expected) : conflict;
            }
        }
    }

    @Test
    void a_conflict_with_the_events_since_is_caught_up_without_a_reload() {
        var race = race(false);

        assertThat(race.outcome()).isEqualTo(new Outcome.Done<String>(race.stream(), 2));
        assertThat(race.statesDecidedOn()).containsExactly(0, 10);
        assertThat(race.store().loads).as("the first load only").isEqualTo(1);
    }

    @Test
    void a_conflict_without_them_reloads_the_stream_and_decides_on_the_same_state() {
        var race = race(true);

        assertThat(race.outcome()).isEqualTo(new Outcome.Done<String>(race.stream(), 2));
        assertThat(race.statesDecidedOn()).containsExactly(0, 10);
        assertThat(race.store().loads).isEqualTo(2);
    }

    private record Race(StreamId stream, Outcome<String> outcome, List<Integer> statesDecidedOn, CountingStore store) {}

    /** Adds 1 while another writer adds 10 between the runner's load and its append. */
    private static Race race(boolean withoutEvents) {
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-12-06T08:00:00Z"));
        var memory = new InMemoryEventStore(clock);
        var store = new CountingStore(memory, withoutEvents);
        var ids = new UuidV7Generator(clock, new SplittableRandom(14));
        var runner = new EventSourcedRunner<>(
                new Sum(),
                1,
                Integer.class,
                Added.class,
                new EventSourcedRunner.Stores(store, new InMemorySnapshots(), memory, ids, clock),
                0);
        StreamId stream = StreamId.of(COUNTERS, UUID.randomUUID());
        var states = new ArrayList<Integer>();
        Outcome<String> outcome = runner.run(stream, METADATA, null, state -> {
            if (states.isEmpty()) {
                memory.append(stream, 0, List.of(new NewEvent(ids.next(), new Added(10), METADATA)));
            }
            states.add(state);
            return new Sum().decide(1, state);
        });
        return new Race(stream, outcome, states, store);
    }
}
