package org.bookworm.ordering.adapter.postgres;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * Reads the instants our mapper writes ({@code 2026-12-06T08:00:00.123456Z}: four-digit year, UTC, zero to nine
 * fraction digits) by hand, and hands anything else to Jackson's own {@link InstantDeserializer}, so every answer,
 * refusals included, is the standard one. Issue 14: a JFR profile of loading 1,000-event streams had {@code
 * InstantDeserializer} (through {@code DateTimeFormatter.ISO_INSTANT}) in 173 of the 204 samples decoding payloads.
 */
final class IsoInstants extends JsonDeserializer<Instant> {
    private static final int SHORTEST = "0000-00-00T00:00:00Z".length();
    private static final long SECONDS_PER_DAY = 86_400;

    private IsoInstants() {}

    /** A module that reads {@link Instant} this way; register it after {@code JavaTimeModule}. */
    static SimpleModule module() {
        return new SimpleModule("bookworm-iso-instants").addDeserializer(Instant.class, new IsoInstants());
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            Instant read = parse(parser.getText());
            if (read != null) {
                return read;
            }
        }
        return InstantDeserializer.INSTANT.deserialize(parser, context);
    }

    /** The instant, or null when {@code text} is not exactly our shape with fields in range. */
    static @Nullable Instant parse(String text) {
        int length = text.length();
        if (length < SHORTEST
                || length > SHORTEST + 10
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = fraction(text, 19, length - 1);
        if ((year | month | day | hour | minute | second | nanos) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException outOfRange) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The non-negative number in {@code text[from, to)}, or -1 if any of it is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** Nanoseconds of an empty fraction or of {@code .d…d} (1 to 9 digits) in {@code text[from, to)}, else -1. */
    private static int fraction(String text, int from, int to) {
        if (from == to) {
            return 0;
        }
        int count = to - from - 1;
        if (text.charAt(from) != '.' || count < 1 || count > 9) {
            return -1;
        }
        int value = digits(text, from + 1, to);
        if (value < 0) {
            return -1;
        }
        for (int i = count; i < 9; i++) {
            value *= 10;
        }
        return value;
    }
}
