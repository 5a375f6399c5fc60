package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class MetadataJsonTest {
    private final EventCodec codec = EventCodec.standard();

    @Test
    void what_the_codec_writes_reads_back_equal_with_and_without_optional_ids() {
        var full = new Metadata(
                "0192f0c8-0000-7000-8000-0000000000aa",
                List.of("user", "admin"),
                UUID.randomUUID(),
                UUID.randomUUID(),
                "request-\u00e9-\u202e-1");
        var bare = new Metadata("ordering", List.of(), UUID.randomUUID(), null, null);
        for (Metadata metadata : List.of(full, bare, Samples.metadata())) {
            assertThat(codec.readMetadata(codec.write(metadata))).isEqualTo(metadata);
            // the slow path it replaces, as a second oracle
            assertThat(codec.readMetadata(codec.write(metadata))).isEqualTo(readByBinding(codec.write(metadata)));
        }
    }

    @Test
    void a_traceparent_reads_back_and_an_untraced_event_stores_no_traceparent_key() {
        var traced = new Metadata("svc", List.of("system"), UUID.randomUUID(), null, null)
                .withTraceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(codec.readMetadata(codec.write(traced))).isEqualTo(traced);
        assertThat(codec.readMetadata(codec.write(traced))).isEqualTo(readByBinding(codec.write(traced)));
        assertThat(codec.write(traced)).contains("\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-");
        assertThat(codec.write(Samples.metadata())).doesNotContain("traceparent");
    }

    @Test
    void jsonb_key_order_and_spacing_are_read_like_the_written_form() {
        String asJsonbPrintsIt = "{\"actor\": \"svc\", \"requestId\": null, \"actorRoles\": [\"system\"],"
                + " \"causationId\": null, \"correlationId\": \"0192f0c8-0000-7000-8000-000000000001\"}";
        assertThat(codec.readMetadata(asJsonbPrintsIt.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new Metadata(
                        "svc", List.of("system"), UUID.fromString("0192f0c8-0000-7000-8000-000000000001"), null, null));
    }

    @Test
    void unknown_missing_or_mistyped_properties_are_refused_as_the_binding_refused_them() {
        String correlation = "\"correlationId\": \"0192f0c8-0000-7000-8000-000000000001\"";
        List<String> broken = List.of(
                "{\"actor\": \"a\", \"actorRoles\": [], " + correlation + ", \"extra\": 1}",
                "{\"actor\": \"a\", \"actorRoles\": []}",
                "{\"actorRoles\": [], " + correlation + "}",
                "{\"actor\": 7, \"actorRoles\": [], " + correlation + "}",
                "{\"actor\": \"a\", \"actorRoles\": [1], " + correlation + "}",
                "{\"actor\": \"a\", \"actorRoles\": [], \"correlationId\": \"not-a-uuid\"}",
                "{\"actor\": \"a\", \"actorRoles\": [], " + correlation + "} {}",
                "[]",
                "");
        for (String json : broken) {
            assertThatThrownBy(() -> codec.readMetadata(json))
                    .as(json)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("stored metadata cannot be read");
        }
    }

    private Metadata readByBinding(String json) {
        try {
            return codec.mapper().readValue(json, Metadata.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            throw new AssertionError(unreadable);
        }
    }
}
