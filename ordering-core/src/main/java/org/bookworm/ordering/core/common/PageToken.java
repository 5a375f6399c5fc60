package org.bookworm.ordering.core.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The one codec of page tokens: fields joined by {@code |} in URL-safe Base64. Tokens are opaque to clients but not
 * secret, and a client may send anything as one, so decoding checks everything and refuses what does not fit with
 * {@link InvalidPageToken} (never an arithmetic or parse failure from deeper down): the number of fields, each
 * field's form, and the range of instants, which is what every store can keep (epoch nanoseconds in a signed 64-bit
 * number, 1677 to 2262).
 */
public final class PageToken {
    /** Longer than any token this server hands out. */
    public static final int MAX_LENGTH = 200;

    private static final long MIN_SECOND = Long.MIN_VALUE / 1_000_000_000L + 1;
    private static final long MAX_SECOND = Long.MAX_VALUE / 1_000_000_000L - 1;

    private PageToken() {}

    public static String encode(List<String> fields) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(String.join("|", fields).getBytes(StandardCharsets.UTF_8));
    }

    /** The token's fields; exactly {@code count} of them, or the token is invalid. */
    public static List<String> decode(String token, int count) {
        if (token.length() > MAX_LENGTH) {
            throw new InvalidPageToken("longer than any this server gives");
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidPageToken("not one this server gave");
        }
        List<String> fields = List.of(text.split("\\|", -1));
        if (fields.size() != count) {
            throw new InvalidPageToken("not one this server gave");
        }
        return fields;
    }

    /** The instant of two fields, epoch seconds and nanoseconds, within the range every store keeps. */
    public static Instant instant(String seconds, String nanos) {
        long second = number(seconds);
        long nano = number(nanos);
        if (second < MIN_SECOND || second > MAX_SECOND || nano < 0 || nano > 999_999_999) {
            throw new InvalidPageToken("its position is out of range");
        }
        return Instant.ofEpochSecond(second, nano);
    }

    public static UUID uuid(String field) {
        try {
            return UUID.fromString(field);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidPageToken("not one this server gave");
        }
    }

    private static long number(String field) {
        try {
            return Long.parseLong(field);
        } catch (NumberFormatException malformed) {
            throw new InvalidPageToken("not one this server gave");
        }
    }
}
