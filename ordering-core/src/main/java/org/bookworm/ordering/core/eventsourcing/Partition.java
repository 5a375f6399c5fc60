package org.bookworm.ordering.core.eventsourcing;

import java.util.UUID;

/**
 * One of {@code count} partitions of a subscription. A lane (stream id) belongs to exactly one partition, by a hash of
 * the id that is the same in every process and every release ({@link #of}); a partition's checkpoint is kept under
 * {@link #key}, and its held lanes under the subscription's own name (they stay with the partition because their ids
 * hash to it).
 */
public record Partition(int index, int count) {
    /** The separator between a subscription's name and its partition's number in a checkpoint's key. */
    public static final char SEPARATOR = '#';

    /** The most partitions a subscription may have. */
    public static final int MAX = 256;

    public Partition {
        if (count < 1 || count > MAX) {
            throw new IllegalArgumentException("a subscription has between 1 and " + MAX + " partitions, not " + count);
        }
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("partition " + index + " is not one of 0 to " + (count - 1));
        }
    }

    /** The partition of {@code count} that a lane belongs to: the id's 128 bits folded to 32, modulo the count. */
    public static int of(UUID lane, int count) {
        long folded = lane.getMostSignificantBits() ^ lane.getLeastSignificantBits();
        return Math.floorMod((int) (folded >>> 32) ^ (int) folded, count);
    }

    /** True when the lane belongs to this partition. */
    public boolean holds(UUID lane) {
        return count == 1 || of(lane, count) == index;
    }

    /** The name this partition's checkpoint is kept under: {@code order-views#3}. */
    public String key(String subscription) {
        return subscription + SEPARATOR + index;
    }

    /** The subscription's name in a checkpoint's key ({@code order-views#3} is {@code order-views}'s). */
    public static String subscriptionOf(String key) {
        int at = key.indexOf(SEPARATOR);
        return at < 0 ? key : key.substring(0, at);
    }
}
