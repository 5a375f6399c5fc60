package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class IsoInstantsTest {
    private final ObjectMapper standard = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    private final ObjectMapper fast = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(IsoInstants.module())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    @Test
    void every_shape_reads_as_the_standard_deserializer_reads_it() throws Exception {
        for (String text : List.of(
                "2026-12-06T08:00:00Z",
                "2026-12-06T08:00:00.1Z",
                "2026-12-06T08:00:00.123Z",
                "2026-12-06T08:00:00.123456Z",
                "2026-12-06T08:00:00.123456789Z",
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999999999Z",
                "2024-02-29T23:59:59Z",
                "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                "+10000-01-01T00:00:00Z",
                "2026-12-06T09:00:00+01:00",
                "2026-12-06t08:00:00z")) {
            assertThat(fast.readValue(quoted(text), Instant.class))
                    .as(text)
                    .isEqualTo(standard.readValue(quoted(text), Instant.class));
        }
    }

    @Test
    void malformed_and_out_of_range_text_gets_the_standard_s_answer() {
        for (String text : List.of(
                "2026-13-01T00:00:00Z",
                "2026-02-30T00:00:00Z",
                "2026-12-06T24:00:00Z",
                "2026-12-06T08:60:00Z",
                "2026-12-06T08:00:60Z",
                "2026-12-06T08:00:00.Z",
                "2026-12-06T08:00:00.1234567890Z",
                "2026-12-06 08:00:00Z",
                "2026-12-0608:00:00Z",
                "2026-12-06T08:00Z",
                "-2026-12-06T08:00:00Z",
                "not an instant")) {
            assertThat(answer(fast, text)).as(text).isEqualTo(answer(standard, text));
        }
        assertThatThrownBy(() -> fast.readValue(quoted("2026-13-01T00:00:00Z"), Instant.class))
                .as("a refusal stays a refusal")
                .isInstanceOf(com.fasterxml.jackson.databind.JsonMappingException.class);
    }

    /** The instant read, or the kind of exception thrown. */
    private static Object answer(ObjectMapper mapper, String text) {
        try {
            return mapper.readValue(quoted(text), Instant.class);
        } catch (Exception refused) {
            return refused.getClass();
        }
    }

    @Test
    void numbers_read_as_the_standard_reads_them() throws Exception {
        assertThat(fast.readValue("1765008000.5", Instant.class))
                .isEqualTo(standard.readValue("1765008000.5", Instant.class));
    }

    @Test
    void ten_thousand_random_instants_written_by_the_codec_read_back_equal() throws Exception {
        var random = new SplittableRandom(14);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L))
                    .plusNanos(random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            String json = standard.writeValueAsString(instant);
            assertThat(fast.readValue(json, Instant.class)).as(json).isEqualTo(instant);
        }
    }

    private static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
