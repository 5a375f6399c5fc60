package org.bookworm.ordering.adapter.grpc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Tokens signed by a key generated for this test run; the server under test trusts its JWKS. */
final class TestTokens {
    static final String ISSUER = "https://auth.test.bookworm";
    static final String AUDIENCE = "bookworm-orders";

    // generated once per test run (RSA key generation is slow); nothing secret is ever committed
    private static final RSAKey KEY = generate("test-key");
    private static final RSAKey STRANGER = generate("test-key"); // same kid, different key: a forgery

    private final RSAKey key = KEY;
    private final RSAKey stranger = STRANGER;

    JWKSet jwks() {
        return new JWKSet(key.toPublicJWK());
    }

    /** A JWKS whose one key has the trusted key's id but other material (a key replaced under the same id). */
    JWKSet strangerJwks() {
        return new JWKSet(stranger.toPublicJWK());
    }

    String user(UUID subject) {
        return sign(key, claims(subject, List.of("user")).build());
    }

    String admin(UUID subject) {
        return sign(key, claims(subject, List.of("admin")).build());
    }

    /** A user token with one thing changed. */
    String userWith(UUID subject, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(key, change.apply(claims(subject, List.of("user"))).build());
    }

    String forged(UUID subject) {
        return sign(stranger, claims(subject, List.of("user")).build());
    }

    String unsigned(UUID subject) {
        return new PlainJWT(claims(subject, List.of("admin")).build()).serialize();
    }

    /** HS256 "signed" with the RSA public key's bytes: the classic algorithm-confusion attack. */
    String hmacWithPublicKey(UUID subject) {
        try {
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.HS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims(subject, List.of("admin")).build());
            byte[] secret = key.toRSAPublicKey().getEncoded();
            jwt.sign(new MACSigner(java.util.Arrays.copyOf(secret, Math.max(secret.length, 32))));
            return jwt.serialize();
        } catch (JOSEException failure) {
            throw new IllegalStateException(failure);
        }
    }

    static JWTClaimsSet.Builder claims(UUID subject, List<String> roles) {
        var now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject.toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .claim("roles", roles);
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            var jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException failure) {
            throw new IllegalStateException(failure);
        }
    }

    private static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException failure) {
            throw new IllegalStateException(failure);
        }
    }
}
