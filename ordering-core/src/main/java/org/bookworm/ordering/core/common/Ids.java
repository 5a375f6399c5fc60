package org.bookworm.ordering.core.common;

import java.util.UUID;

/** Parsing of identifiers that arrive as text: canonical UUIDs only, never the nil UUID. */
public final class Ids {
    private static final UUID NIL = new UUID(0, 0);

    private Ids() {}

    public static UUID parse(String text, String what) {
        if (text == null || text.length() != 36) {
            throw new IllegalArgumentException(what + " must be a UUID like 0192f0c8-3c4b-7d8e-9f00-112233445566");
        }
        UUID parsed;
        try {
            parsed = UUID.fromString(text);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException(what + " '" + Texts.shorten(text) + "' is not a UUID");
        }
        // outside the try: the nil UUID is a well-formed UUID and deserves its own message
        return requireNotNil(parsed, what);
    }

    public static UUID requireNotNil(UUID value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (NIL.equals(value)) {
            throw new IllegalArgumentException(what + " cannot be the nil UUID");
        }
        return value;
    }

    /** Byte-wise (unsigned) order, the order PostgreSQL sorts {@code uuid} columns in. */
    public static int compare(UUID left, UUID right) {
        int high = Long.compareUnsigned(left.getMostSignificantBits(), right.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(left.getLeastSignificantBits(), right.getLeastSignificantBits());
    }
}
