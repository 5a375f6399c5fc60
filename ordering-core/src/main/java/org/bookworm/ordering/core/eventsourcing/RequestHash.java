package org.bookworm.ordering.core.eventsourcing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a request's canonical text (its values' record form), to tell a retry from a different request. */
public final class RequestHash {
    private RequestHash() {}

    public static String of(Object... parts) {
        var text = new StringBuilder();
        for (Object part : parts) {
            text.append(part).append('\u001f');
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
