package org.bookworm.ordering.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Bearer tokens the benchmark server trusts, one per simulated buyer: signed with the server's own development key
 * (the file {@code ordering serve} creates in its data directory) and carrying exactly the claims {@code ordering
 * token mint} writes (cli's {@code DevKeys.mint}). Minted here rather than by a {@code token mint} child JVM per
 * buyer, which would cost a JVM start each; a claim out of step with the server shows at once as UNAUTHENTICATED.
 */
final class DevTokens {
    private static final String ISSUER = "urn:bookworm:dev";
    private static final String AUDIENCE = "bookworm-orders";
    private static final String KEY_FILE = "dev-signing-key.jwk";
    // a full checkout rate search (20 rates of 60 s, each with its settling) can outlast an hour on one set of buyers
    private static final Duration LIFETIME = Duration.ofHours(6);

    private final ECKey key;
    private final ECDSASigner signer;

    private DevTokens(ECKey key) throws JOSEException {
        this.key = key;
        this.signer = new ECDSASigner(key);
    }

    static DevTokens of(Path serverDataDir) throws IOException {
        try {
            return new DevTokens(ECKey.parse(Files.readString(serverDataDir.resolve(KEY_FILE))));
        } catch (ParseException | JOSEException unreadable) {
            throw new IOException("the server's dev key in " + serverDataDir + " is unreadable", unreadable);
        }
    }

    String buyer(UUID buyer) {
        return mint(buyer, "user");
    }

    String admin() {
        return mint(UUID.randomUUID(), "admin");
    }

    private String mint(UUID subject, String role) {
        Instant now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("roles", List.of(role))
                .build();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException cannotSign) {
            throw new IllegalStateException("cannot sign a token with the server's dev key", cannotSign);
        }
        return jwt.serialize();
    }
}
