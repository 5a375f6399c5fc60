package org.bookworm.ordering.core.eventsourcing;

/**
 * The kind of an event stream, the prefix of its name ({@code order} in {@code order-<uuid>}). Each service names its
 * own kinds next to the streams it owns; streams of different kinds may share an id. A prefix is lower-case letters
 * and digits, starting with a letter, at most 32 characters: anything else is refused, so {@code <prefix>-<uuid>}
 * always parses back.
 */
public record StreamType(String prefix) {
    private static final int MAX_LENGTH = 32;

    public StreamType {
        if (prefix == null || !wellFormed(prefix)) {
            throw new IllegalArgumentException("a stream type is lower-case letters and digits, not '" + prefix + "'");
        }
    }

    /** {@code [a-z][a-z0-9]{0,31}}, checked by hand: every event read from the log names its stream type. */
    private static boolean wellFormed(String prefix) {
        if (prefix.isEmpty() || prefix.length() > MAX_LENGTH) {
            return false;
        }
        for (int at = 0; at < prefix.length(); at++) {
            char c = prefix.charAt(at);
            if (!(c >= 'a' && c <= 'z') && !(at > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    public static StreamType of(String prefix) {
        return new StreamType(prefix);
    }
}
