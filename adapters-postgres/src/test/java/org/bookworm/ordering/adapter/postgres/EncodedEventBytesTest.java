package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.DomainEvent;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderFacts;
import org.bookworm.ordering.core.ordering.OrderId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The stored form of events and metadata, byte for byte, as the codec wrote it before issue 13 made encoding cheaper
 * ({@code encoded-events.txt}: one {@code type v<schema version> <json>} line per event, then the metadata lines). A
 * change of mapper configuration or serializers that alters a single byte fails here, and the pinned bytes still
 * read back as the same events.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class EncodedEventBytesTest {
    private static final OrderId ORDER = new OrderId(UUID.fromString("0192f0c8-3c4b-7d8e-9f00-000000000001"));
    private static final UUID CORRELATION = UUID.fromString("0192f0c8-3c4b-7d8e-9f00-0000000000c1");
    private static final UUID CAUSATION = UUID.fromString("0192f0c8-3c4b-7d8e-9f00-0000000000c2");

    private final EventCodec codec = EventCodec.standard();

    @Test
    void every_event_type_and_metadata_encode_to_the_pinned_bytes() throws IOException {
        assertThat(encodedLines()).containsExactlyElementsOf(pinnedLines());
    }

    @Test
    void the_pinned_event_bytes_read_back_as_the_same_events() throws IOException {
        List<DomainEvent> events = events();
        List<String> pinned = pinnedLines();
        for (int i = 0; i < events.size(); i++) {
            String[] parts = pinned.get(i).split(" ", 3);
            int schemaVersion = Integer.parseInt(parts[1].substring(1));
            assertThat(codec.decode(parts[0], schemaVersion, parts[2].getBytes(StandardCharsets.UTF_8)))
                    .isEqualTo(events.get(i));
        }
    }

    private List<String> encodedLines() {
        var lines = new ArrayList<String>();
        for (DomainEvent event : events()) {
            EventCodec.Encoded encoded = codec.encode(event);
            lines.add(encoded.type() + " v" + encoded.schemaVersion() + " " + encoded.json());
        }
        for (Metadata metadata : metadata()) {
            lines.add("Metadata " + codec.write(metadata));
        }
        return lines;
    }

    /** One of each type in type-name order, and a confirmation with a shipped book (a map with a value key). */
    private static List<DomainEvent> events() {
        var events = new ArrayList<>(Samples.oneOfEach(ORDER).values());
        events.sort(Comparator.comparing(event -> event.getClass().getSimpleName()));
        var placed = Samples.placed(ORDER);
        events.add(new OrderEvent.OrderConfirmed(
                ORDER,
                new OrderFacts(
                        ORDER,
                        placed.buyer(),
                        placed.shippingAddress(),
                        placed.lines(),
                        placed.total(),
                        Map.of(Samples.BOOK, 1),
                        placed.at(),
                        true),
                Samples.AT));
        return events;
    }

    private static List<Metadata> metadata() {
        return List.of(
                new Metadata("user-1", List.of("user"), CORRELATION, CAUSATION, "req-1"),
                new Metadata("system", List.of(), CORRELATION, null, null),
                new Metadata(
                        "admin-1",
                        List.of("admin", "user"),
                        CORRELATION,
                        CAUSATION,
                        "req-2",
                        "user-1",
                        "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
    }

    private static List<String> pinnedLines() throws IOException {
        try (InputStream in = EncodedEventBytesTest.class.getResourceAsStream("encoded-events.txt")) {
            assertThat(in).as("encoded-events.txt on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
