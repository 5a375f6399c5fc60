package org.bookworm.ordering.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** How the operator's verbs print: aligned text for a person, or one JSON document for a program. */
final class Output {
    /** {@code --output}: table (the default) or json. */
    enum Format {
        TABLE,
        JSON
    }

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    private Output() {}

    /** {@code value} (records, lists, maps) as one line of JSON. */
    static void json(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("cannot print " + value.getClass().getSimpleName(), impossible);
        }
        out.flush();
    }

    /** A duration for a person: 42ms, 3.2s, 5m 03s, 2h 10m. */
    static String human(@Nullable Duration duration) {
        if (duration == null) {
            return "-";
        }
        long millis = duration.toMillis();
        if (millis < 1_000) {
            return millis + "ms";
        }
        if (millis < 60_000) {
            return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        if (millis < 3_600_000) {
            return String.format(java.util.Locale.ROOT, "%dm %02ds", millis / 60_000, millis / 1000 % 60);
        }
        return String.format(java.util.Locale.ROOT, "%dh %02dm", millis / 3_600_000, millis / 60_000 % 60);
    }
}
