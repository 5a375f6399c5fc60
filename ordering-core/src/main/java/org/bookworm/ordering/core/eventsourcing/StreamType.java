package org.bookworm.ordering.core.eventsourcing;

import java.util.regex.Pattern;

/**
 * The kind of an event stream, the prefix of its name ({@code order} in {@code order-<uuid>}). Each service names its
 * own kinds next to the streams it owns; streams of different kinds may share an id. A prefix is lower-case letters
 * and digits, starting with a letter, at most 32 characters: anything else is refused, so {@code <prefix>-<uuid>}
 * always parses back.
 */
public record StreamType(String prefix) {
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9]{0,31}");

    public StreamType {
        if (prefix == null || !PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a stream type is lower-case letters and digits, not '" + prefix + "'");
        }
    }

    public static StreamType of(String prefix) {
        return new StreamType(prefix);
    }
}
