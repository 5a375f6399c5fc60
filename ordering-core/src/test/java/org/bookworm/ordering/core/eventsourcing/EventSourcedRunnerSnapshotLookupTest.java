package org.bookworm.ordering.core.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunnerCatchUpTest.Added;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunnerCatchUpTest.Sum;
import org.bookworm.ordering.core.inmemory.InMemoryEventStore;
import org.bookworm.ordering.core.inmemory.InMemorySnapshots;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * A runner that never writes snapshots (the checkout saga, payments, buyers) does not ask the snapshot store for one
 * at each load: in PostgreSQL that lookup was a round trip per fold that could only answer "none" (issue 13's
 * profile). A runner that snapshots still starts from its snapshot.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class EventSourcedRunnerSnapshotLookupTest {
    private static final StreamType COUNTERS = StreamType.of("counter");
    private static final Metadata METADATA = new Metadata("test", List.of(), new UUID(1, 1), null, null);
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-12-06T11:00:00Z"));

    /** The in-memory snapshots, counting the lookups. */
    static final class CountingSnapshots implements Snapshots {
        final InMemorySnapshots snapshots = new InMemorySnapshots();
        int lookups;

        @Override
        public Optional<Snapshot> load(StreamId stream, int deciderVersion) {
            lookups++;
            return snapshots.load(stream, deciderVersion);
        }

        @Override
        public void save(Snapshot snapshot) {
            snapshots.save(snapshot);
        }
    }

    private final InMemoryEventStore events = new InMemoryEventStore(CLOCK);
    private final CountingSnapshots snapshots = new CountingSnapshots();
    private final UuidV7Generator ids = new UuidV7Generator(CLOCK, new SplittableRandom(13));
    private final StreamId stream = StreamId.of(COUNTERS, UUID.randomUUID());

    private EventSourcedRunner<Integer, Integer, Added, String> runner(int snapshotEvery) {
        return new EventSourcedRunner<>(
                new Sum(),
                1,
                Integer.class,
                Added.class,
                new EventSourcedRunner.Stores(events, snapshots, events, ids, CLOCK),
                snapshotEvery);
    }

    @Test
    void a_runner_that_never_snapshots_folds_the_events_without_asking_for_a_snapshot() {
        var runner = runner(0);
        runner.run(stream, METADATA, null, state -> new Sum().decide(5, state));
        runner.run(stream, METADATA, null, state -> new Sum().decide(7, state));

        assertThat(runner.load(stream)).isEqualTo(new EventSourcedRunner.Loaded<>(12, 2));
        assertThat(snapshots.lookups).as("snapshot lookups").isZero();
    }

    @Test
    void a_runner_that_snapshots_starts_from_its_snapshot() {
        var runner = runner(2);
        runner.run(stream, METADATA, null, state -> new Sum().decide(5, state));
        runner.run(stream, METADATA, null, state -> new Sum().decide(7, state));
        snapshots.lookups = 0;

        assertThat(runner.load(stream)).isEqualTo(new EventSourcedRunner.Loaded<>(12, 2));
        assertThat(snapshots.snapshots.load(stream, 1)).map(Snapshot::version).contains(2L);
        assertThat(snapshots.lookups).as("snapshot lookups").isEqualTo(1);
    }
}
