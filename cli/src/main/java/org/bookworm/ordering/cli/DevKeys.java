package org.bookworm.ordering.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.jspecify.annotations.Nullable;

/**
 * The development signing key: an ES256 key generated on first use and kept in the data directory (owner-only
 * permissions), with its public JWKS next to it for the server to trust. For development only: production servers
 * trust an identity provider's JWKS.
 *
 * <p>One key per data directory, even when {@code serve} and {@code token mint} start together on a fresh one: the
 * key is made under a file lock and each file appears whole (written aside, then renamed), JWKS first, so a key file
 * that exists always has its JWKS.
 */
final class DevKeys {
    static final String ISSUER = "urn:bookworm:dev";
    static final String AUDIENCE = "bookworm-orders";
    private static final String KEY_FILE = "dev-signing-key.jwk";
    private static final String JWKS_FILE = "dev-jwks.json";
    private static final String LOCK_FILE = "dev-signing-key.lock";
    // a file lock belongs to the whole process: threads of one process take turns here before they take it
    private static final Object IN_THIS_PROCESS = new Object();

    private final Path dataDir;
    private final Clock clock;

    DevKeys(Path dataDir, Clock clock) {
        this.dataDir = dataDir;
        this.clock = clock;
    }

    /** The public JWKS of the dev key, creating the key if there is none yet. */
    Path jwks() {
        key();
        return dataDir.resolve(JWKS_FILE);
    }

    String mint(UUID subject, String role, Duration lifetime) {
        return mint(subject, role, lifetime, null, null);
    }

    /** A token for {@code subject}, with the OpenID {@code name} and {@code email} claims when given. */
    String mint(UUID subject, String role, Duration lifetime, @Nullable PersonName name, @Nullable EmailAddress email) {
        var now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("roles", List.of(role));
        if (name != null) {
            claims.claim("name", name.value());
        }
        if (email != null) {
            claims.claim("email", email.value());
        }
        return sign(claims.build());
    }

    private String sign(JWTClaimsSet claims) {
        try {
            var key = key();
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException cannotSign) {
            throw new IllegalStateException("cannot sign the token", cannotSign);
        }
    }

    private ECKey key() {
        Path keyFile = dataDir.resolve(KEY_FILE);
        try {
            if (Files.exists(keyFile)) {
                return parse(keyFile);
            }
            Files.createDirectories(dataDir);
            synchronized (IN_THIS_PROCESS) {
                try (var lockFile = FileChannel.open(
                        dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    FileLock lock = lockFile.lock();
                    try {
                        // another process may have made it while we waited for the lock
                        return Files.exists(keyFile) ? parse(keyFile) : create(keyFile);
                    } finally {
                        lock.release();
                    }
                }
            }
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot read or write the dev key in " + dataDir, unwritable);
        }
    }

    private static ECKey parse(Path keyFile) throws IOException {
        try {
            return ECKey.parse(Files.readString(keyFile));
        } catch (ParseException corrupt) {
            throw new IllegalArgumentException(
                    "the dev key in " + keyFile + " is unreadable: delete it to make a new one");
        }
    }

    private ECKey create(Path keyFile) throws IOException {
        ECKey key;
        try {
            key = new ECKeyGenerator(Curve.P_256)
                    .keyID("dev-" + UUID.randomUUID())
                    .generate();
        } catch (JOSEException cannotGenerate) {
            throw new IllegalStateException("cannot generate the dev key", cannotGenerate);
        }
        writeWhole(dataDir.resolve(JWKS_FILE), new JWKSet(key.toPublicJWK()).toString());
        writeWhole(keyFile, key.toJSONString());
        return key;
    }

    /** Readers see the old file or the whole new one; a temporary file is the owner's alone from its creation on. */
    private void writeWhole(Path file, String content) throws IOException {
        Path aside = Files.createTempFile(dataDir, file.getFileName().toString(), ".tmp");
        try {
            Files.writeString(aside, content);
            Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(aside);
        }
    }
}
