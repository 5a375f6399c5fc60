package org.bookworm.ordering.core.eventsourcing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class MetadataTraceparentTest {
    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    private final Metadata metadata = new Metadata("svc", List.of("system"), UUID.randomUUID(), null, "req-1");

    @Test
    void metadata_is_untraced_until_a_traceparent_is_given_and_keeps_it_when_acting_for_a_buyer() {
        assertThat(metadata.traceparent()).isNull();
        var traced = metadata.withTraceparent(TRACEPARENT);
        assertThat(traced.traceparent()).isEqualTo(TRACEPARENT);
        assertThat(traced.onBehalfOf("buyer-1").traceparent()).isEqualTo(TRACEPARENT);
        assertThat(traced.withTraceparent(null)).isEqualTo(metadata);
    }

    @Test
    void a_traceparent_that_is_not_the_w3c_form_is_refused_with_the_form_in_the_message() {
        for (String bad : List.of("", "00-abc-def-01", TRACEPARENT.toUpperCase(), "01" + TRACEPARENT.substring(2))) {
            assertThatThrownBy(() -> metadata.withTraceparent(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("00-<32 hex>-<16 hex>-<2 hex>");
        }
    }
}
