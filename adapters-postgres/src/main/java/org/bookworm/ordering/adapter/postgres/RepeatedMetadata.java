package org.bookworm.ordering.adapter.postgres;

import java.util.Arrays;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.jspecify.annotations.Nullable;

/**
 * Reads the metadata of the rows of one read in order, parsing a row's bytes only when they differ from the row
 * before: the events of one decision share their metadata, so a stream loaded in version order holds runs of
 * identical metadata (a 1,000-event stream appended in batches of 100 has ten). Comparing bytes costs a fraction of
 * parsing them (issue 14). {@link Metadata} is immutable, so sharing one instance is safe. Not thread-safe: one per
 * read.
 */
final class RepeatedMetadata {
    private final EventCodec codec;
    private byte @Nullable [] lastBytes;
    private @Nullable Metadata last;

    RepeatedMetadata(EventCodec codec) {
        this.codec = codec;
    }

    /** The metadata of {@code json} (UTF-8); refused as {@link EventCodec#readMetadata(byte[])} refuses it. */
    Metadata read(byte[] json) {
        if (last != null && Arrays.equals(json, lastBytes)) {
            return last;
        }
        Metadata read = codec.readMetadata(json);
        lastBytes = json;
        last = read;
        return read;
    }
}
