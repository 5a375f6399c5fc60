package org.bookworm.ordering.core.finance;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;
import org.bookworm.ordering.core.ordering.OrderId;

/**
 * Idempotency keys of saga steps: RFC 9562 name-based UUIDs, version 5, of {@code orderId/step/attempt} in a fixed
 * namespace. The same step of the same order always gets the same key, so a re-sent command or a retried gateway
 * call deduplicates downstream.
 */
final class StepKeys {
    /** The namespace of BookWorm Orders step keys (a fixed, random UUID). */
    static final UUID NAMESPACE = UUID.fromString("6f1c1f0e-5b0a-4f49-9d67-0f0f3b7e2a11");

    private StepKeys() {}

    public static UUID of(OrderId order, String step, Object attempt) {
        return v5(order.value() + "/" + step + "/" + attempt);
    }

    static UUID v5(String name) {
        try {
            var sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16)
                    .putLong(NAMESPACE.getMostSignificantBits())
                    .putLong(NAMESPACE.getLeastSignificantBits())
                    .array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            var buffer = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(buffer.getLong(), buffer.getLong());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-1", impossible);
        }
    }
}
