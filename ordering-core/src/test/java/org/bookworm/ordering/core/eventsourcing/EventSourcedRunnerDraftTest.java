package org.bookworm.ordering.core.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.inmemory.InMemoryEventStore;
import org.bookworm.ordering.core.inmemory.InMemorySnapshots;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * A draft (ADR 0060): decisions made one after another on a stream, each on the state the ones before it left, and
 * appended in one append with the ids they were given when decided; after a conflict, the same commands decided again
 * on the stream caught up.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class EventSourcedRunnerDraftTest {
    private static final StreamType COUNTERS = StreamType.of("counter");

    record Added(int amount) implements DomainEvent {}

    /** A sum that never goes above ten: an amount that would take it higher is ignored. */
    static final class CappedSum implements Decider<Integer, Integer, Added, String> {
        @Override
        public Integer initialState() {
            return 0;
        }

        @Override
        public Decision<Added, String> decide(Integer command, Integer state) {
            return state + command <= 10 ? Decision.accept(new Added(command)) : Decision.acceptAll(List.of());
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

    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-12-08T05:00:00Z"));
    private final InMemoryEventStore store = new InMemoryEventStore(clock);
    private final UuidV7Generator ids = new UuidV7Generator(clock, new SplittableRandom(60));
    private final EventSourcedRunner<Integer, Integer, Added, String> runner = new EventSourcedRunner<>(
            new CappedSum(),
            1,
            Integer.class,
            Added.class,
            new EventSourcedRunner.Stores(store, new InMemorySnapshots(), store, ids, clock),
            0);
    private final StreamId stream = StreamId.of(COUNTERS, UUID.fromString("0192f0c8-0000-7000-8000-000000006001"));

    @Test
    void the_decisions_of_a_draft_are_appended_in_one_append_with_the_ids_they_were_decided_with() {
        var draft = runner.draft(runner.load(stream));
        draft = runner.decideInDraft(draft, 3, metadata(1));
        draft = runner.decideInDraft(draft, 4, metadata(2));
        assertThat(store.load(stream).events())
                .as("nothing appended while drafting")
                .isEmpty();
        assertThat(draft.after()).isEqualTo(new EventSourcedRunner.Loaded<>(7, 2));

        var appended = runner.appendDraft(stream, draft);

        assertThat(appended.events()).isEqualTo(draft.events());
        assertThat(appended.after()).isEqualTo(new EventSourcedRunner.Loaded<>(7, 2));
        assertThat(store.load(stream).events())
                .extracting(
                        RecordedEvent::eventId, recorded -> recorded.metadata().correlationId())
                .containsExactly(
                        tuple(draft.events().get(0).eventId(), new UUID(0, 1)),
                        tuple(draft.events().get(1).eventId(), new UUID(0, 2)));
    }

    @Test
    void after_a_conflict_the_commands_are_decided_again_on_the_stream_caught_up() {
        var draft = runner.draft(runner.load(stream));
        draft = runner.decideInDraft(draft, 3, metadata(1));
        draft = runner.decideInDraft(draft, 4, metadata(2));
        store.append(stream, 0, List.of(new NewEvent(ids.next(), new Added(5), metadata(9)))); // another writer

        var appended = runner.appendDraft(stream, draft);

        assertThat(appended.events())
                .as("3 still fits on 5; 4 no longer does")
                .extracting(
                        event -> ((Added) event.event()).amount(),
                        event -> event.metadata().correlationId())
                .containsExactly(tuple(3, new UUID(0, 1)));
        assertThat(appended.events().get(0).eventId())
                .as("an event decided again is a new event")
                .isNotIn(draft.events().stream().map(NewEvent::eventId).toList());
        assertThat(appended.after()).isEqualTo(new EventSourcedRunner.Loaded<>(8, 2));
        assertThat(store.load(stream).domainEvents()).containsExactly(new Added(5), new Added(3));
    }

    @Test
    void a_draft_whose_commands_changed_nothing_appends_nothing() {
        store.append(stream, 0, List.of(new NewEvent(ids.next(), new Added(10), metadata(9))));
        var draft = runner.decideInDraft(runner.draft(runner.load(stream)), 1, metadata(1));

        var appended = runner.appendDraft(stream, draft);

        assertThat(appended.events()).isEmpty();
        assertThat(appended.after()).isEqualTo(new EventSourcedRunner.Loaded<>(10, 1));
        assertThat(store.load(stream).events()).hasSize(1);
    }

    private static Metadata metadata(int correlation) {
        return new Metadata("test", List.of(), new UUID(0, correlation), null, null);
    }
}
