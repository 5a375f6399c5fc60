package org.bookworm.ordering.core.eventsourcing;

import java.util.Objects;
import java.util.UUID;
import org.bookworm.ordering.core.common.Ids;

/** One aggregate's stream: {@code order-<uuid>}, {@code buyer-<uuid>}, {@code checkout-<uuid>}, ... */
public record StreamId(StreamType type, UUID id) {
    public StreamId {
        Objects.requireNonNull(type, "stream type");
        Ids.requireNotNil(id, "stream id");
    }

    public static StreamId of(StreamType type, UUID id) {
        return new StreamId(type, id);
    }

    public static StreamId parse(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException("a stream is named like order-<uuid>, not '" + text + "'");
        }
        return new StreamId(StreamType.of(text.substring(0, dash)), Ids.parse(text.substring(dash + 1), "stream id"));
    }

    @Override
    public String toString() {
        return type.prefix() + "-" + id;
    }
}
