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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * The development signing key: an ES256 key generated on first use and kept in the data directory (owner-only
 * permissions), with its public JWKS next to it for the server to trust. For development only: production servers
 * trust an identity provider's JWKS.
 */
final class DevKeys {
    static final String ISSUER = "urn:bookworm:dev";
    static final String AUDIENCE = "bookworm-orders";
    private static final String KEY_FILE = "dev-signing-key.jwk";
    private static final String JWKS_FILE = "dev-jwks.json";

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
        var now = clock.instant();
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim("roles", List.of(role))
                .build();
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

    private synchronized ECKey key() {
        Path keyFile = dataDir.resolve(KEY_FILE);
        try {
            if (Files.exists(keyFile)) {
                return ECKey.parse(Files.readString(keyFile));
            }
            Files.createDirectories(dataDir);
            var key = new ECKeyGenerator(Curve.P_256)
                    .keyID("dev-" + UUID.randomUUID())
                    .generate();
            Files.writeString(keyFile, key.toJSONString());
            restrict(keyFile);
            Files.writeString(dataDir.resolve(JWKS_FILE), new JWKSet(key.toPublicJWK()).toString());
            return key;
        } catch (IOException unwritable) {
            throw new UncheckedIOException("cannot read or write the dev key in " + dataDir, unwritable);
        } catch (ParseException | JOSEException corrupt) {
            throw new IllegalArgumentException(
                    "the dev key in " + keyFile + " is unreadable: delete it to make a new one");
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a non-POSIX file system keeps its default permissions; the key is for development only
        }
    }
}
