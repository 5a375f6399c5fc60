package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.bookworm.ordering.core.ordering.OrderDecider;
import org.bookworm.ordering.core.ordering.OrderEvent;
import org.bookworm.ordering.core.ordering.OrderState;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class JsonTest {
    private static final Instant AT = Instant.parse("2026-11-24T09:00:00.123456Z");
    private final UUID stream = UUID.fromString("0192f0c8-0000-7000-8000-0000000000f0");

    @Test
    void every_benchmark_event_survives_the_shared_json_mapping_unchanged() {
        for (OrderEvent event : OrderStreams.events(stream, 0, 10, AT)) {
            assertThat(Json.decode(Json.typeOf(event), Json.encode(event))).isEqualTo(event);
        }
    }

    @Test
    void money_helpers_are_not_written_as_properties() {
        String json =
                new String(Json.encode(OrderStreams.event(stream, 0, AT)), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"minorUnits\"").doesNotContain("\"zero\"");
    }

    @Test
    void a_benchmark_stream_of_any_length_folds_with_the_order_decider() {
        OrderState state = new OrderDecider().fold(OrderStreams.events(stream, 0, 1_000, AT));
        assertThat(state).isInstanceOf(OrderState.Placed.class);
    }
}
