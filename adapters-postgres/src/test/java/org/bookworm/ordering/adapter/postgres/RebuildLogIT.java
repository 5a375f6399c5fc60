package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.core.contract.ContractFixtures;
import org.bookworm.ordering.core.eventsourcing.EventFilter;
import org.bookworm.ordering.core.eventsourcing.EventLog;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.NewEvent;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.BuyerService;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rebuild's reader ({@link RebuildLog}) against the live one ({@link PostgresEventLog}): the same events in the same
 * pages, each without its metadata, whether the page was read ahead or not, filtered or not; and a reader following
 * writers still reads every event once. The seed is printed with every failure; {@code -Dordering.prop.seed} replays.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class RebuildLogIT {
    private static final EventFilter ORDERS = EventFilter.streams(OrderService.STREAM);

    @RegisterExtension
    final PostgresTestDatabase pg = new PostgresTestDatabase();

    private final long seed = Long.getLong("ordering.prop.seed", new SplittableRandom().nextLong());

    @Test
    void a_rebuild_reads_the_pages_the_live_log_reads_without_their_metadata() {
        appendRandomLog(new SplittableRandom(seed), 40);
        for (EventFilter filter : List.of(EventFilter.ALL, ORDERS)) {
            for (int limit : List.of(1, 7, 1_000)) {
                List<RecordedEvent> live = readAll(pg.adapters().eventLog(), limit, filter);
                List<RecordedEvent> rebuilt;
                try (var log = new RebuildLog(
                        pg.adapters().dataSource(),
                        pg.adapters().codec(),
                        pg.adapters().eventLog())) {
                    rebuilt = readAll(log, limit, filter);
                }
                assertThat(rebuilt)
                        .as("seed %d, pages of %d, %s", seed, limit, filter)
                        .isNotEmpty()
                        .allSatisfy(event -> assertThat(event.metadata()).isSameAs(RebuildLog.NOT_READ))
                        .isEqualTo(
                                live.stream().map(RebuildLogIT::withoutMetadata).toList());
            }
        }
    }

    @Test
    void a_rebuild_reading_ahead_while_writers_append_reads_every_event_once_in_stream_order() throws Exception {
        int writers = 4;
        int appendsEach = 30;
        var streams = new ArrayList<StreamId>();
        for (int i = 0; i < writers; i++) {
            streams.add(StreamId.of(OrderService.STREAM, UUID.randomUUID()));
        }
        var writing = CompletableFuture.runAsync(() -> {
            for (int version = 0; version < appendsEach; version++) {
                for (StreamId stream : streams) {
                    pg.adapters().eventStore().append(stream, version, ContractFixtures.someEvents(1));
                }
            }
        });
        var read = new ArrayList<RecordedEvent>();
        try (var log = new RebuildLog(
                pg.adapters().dataSource(), pg.adapters().codec(), pg.adapters().eventLog())) {
            LogPosition position = LogPosition.START;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (read.size() < writers * appendsEach && System.nanoTime() < deadline) {
                EventLog.Page page = log.read(position, 5, ORDERS);
                if (page.events().isEmpty()) {
                    log.awaitEvents(position, java.time.Duration.ofMillis(100));
                }
                read.addAll(page.events());
                position = page.end();
            }
            writing.get(30, TimeUnit.SECONDS);
            read.addAll(log.read(position, 1_000, ORDERS).events()); // anything more would be a repeat
        }
        assertThat(read.stream().map(RecordedEvent::eventId).toList())
                .hasSize(writers * appendsEach)
                .doesNotHaveDuplicates();
        for (StreamId stream : streams) {
            assertThat(read.stream()
                            .filter(event -> event.stream().equals(stream))
                            .map(RecordedEvent::version)
                            .toList())
                    .as("stream %s in order", stream)
                    .isSortedAccordingTo(Long::compare)
                    .hasSize(appendsEach);
        }
    }

    private static List<RecordedEvent> readAll(EventLog log, int limit, EventFilter filter) {
        var events = new ArrayList<RecordedEvent>();
        LogPosition position = LogPosition.START;
        while (true) {
            EventLog.Page page = log.read(position, limit, filter);
            if (page.events().isEmpty()) {
                return events;
            }
            events.addAll(page.events());
            position = page.end();
        }
    }

    private static RecordedEvent withoutMetadata(RecordedEvent event) {
        return event.withMetadata(RebuildLog.NOT_READ);
    }

    /** Orders' lives and buyers' events appended one or two at a time in a random interleaving. */
    private void appendRandomLog(SplittableRandom random, int orders) {
        var lives = new ArrayList<List<NewEvent>>();
        var streams = new ArrayList<StreamId>();
        for (int i = 0; i < orders; i++) {
            var order = new org.bookworm.ordering.core.ordering.OrderId(UUID.randomUUID());
            lives.add(ContractFixtures.newEvents(ContractFixtures.partlyShippedHistory(order)));
            streams.add(StreamId.of(OrderService.STREAM, order.value()));
        }
        lives.add(ContractFixtures.newEvents(ContractFixtures.buyerEventSamples()));
        streams.add(StreamId.of(BuyerService.STREAM, UUID.randomUUID()));
        int[] appended = new int[lives.size()];
        var open = new ArrayList<Integer>();
        for (int i = 0; i < lives.size(); i++) {
            open.add(i);
        }
        while (!open.isEmpty()) {
            int pick = random.nextInt(open.size());
            int stream = open.get(pick);
            List<NewEvent> life = lives.get(stream);
            int take = Math.min(1 + random.nextInt(2), life.size() - appended[stream]);
            pg.adapters()
                    .eventStore()
                    .append(
                            streams.get(stream),
                            appended[stream],
                            life.subList(appended[stream], appended[stream] + take));
            appended[stream] += take;
            if (appended[stream] == life.size()) {
                open.remove(pick);
            }
        }
    }
}
