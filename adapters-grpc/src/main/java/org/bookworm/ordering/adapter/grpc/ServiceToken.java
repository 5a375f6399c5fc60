package org.bookworm.ordering.adapter.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The secret the processes of one deployment share to call each other's internal RPCs ({@code bookworm.internal.*},
 * ADR 0031): sent as {@code Authorization: Bearer <secret>}, compared in constant time, never printed. It is not a
 * JWT: an identity provider cannot mint it, and a user's or admin's token never opens an internal method.
 */
public final class ServiceToken {
    /** The fewest characters a secret has: 128 bits as hex. */
    public static final int MIN_CHARS = 32;

    private final byte[] secret;

    private ServiceToken(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length() < MIN_CHARS || !secret.chars().allMatch(c -> c > ' ' && c < 127)) {
            throw new IllegalArgumentException(
                    "a service token is at least " + MIN_CHARS + " printable characters without spaces");
        }
        this.secret = secret.getBytes(StandardCharsets.US_ASCII);
    }

    public static ServiceToken of(String secret) {
        return new ServiceToken(secret);
    }

    /** A fresh random token (256 bits as hex). */
    public static ServiceToken random() {
        var bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new ServiceToken(HexFormat.of().formatHex(bytes));
    }

    /** The token in the first line of {@code file}. @throws IllegalArgumentException if it is unreadable or short */
    public static ServiceToken fromFile(Path file) {
        try {
            return new ServiceToken(
                    Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the service token file " + file, unreadable);
        }
    }

    /** True if {@code presented} is this secret; in constant time. */
    boolean matches(String presented) {
        return MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.US_ASCII));
    }

    /** The value of the authorization header a client sends. */
    String header() {
        return "Bearer " + secret();
    }

    String secret() {
        return new String(secret, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "ServiceToken[***]";
    }
}
