package org.bookworm.ordering.adapter.grpc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.Role;
import org.jspecify.annotations.Nullable;

/**
 * Checks a bearer token and answers who is calling. Accepted: a JWS signed with RS256 or ES256 (an allow-list: never
 * {@code none}, never HS*) by a key of the configured JWKS, with exactly the configured issuer, the required
 * audience, a UUID {@code sub}, {@code exp} and {@code iat} within a clock skew of at most 60 seconds, and a {@code
 * roles} claim that is absent or a list of strings. Anything else is {@link InvalidToken}, whose reason stays in the
 * server: callers learn only UNAUTHENTICATED. The roles are {@code user} and {@code admin} (which implies user); other
 * names grant nothing, and a token with no role is valid but may do nothing ({@link AuthInterceptor}). Scopes
 * ({@code scope}, {@code scp}) are not read (ADR 0016).
 *
 * <p>A token that passed is remembered, by its exact text, until its expiry: checking an ES256 signature on every call
 * took 43.8 % of the server's CPU samples under PlaceOrder load (a JFR profile, docs/benchmarks.md). Every {@value
 * #REMEMBER_SECONDS} seconds a remembered token's keys are looked up again in the JWKS, and the token is trusted on
 * only while a key that verified it is still there; so a key removed from the JWKS stops being trusted within that
 * minute, not at once. The signature itself is not checked again: the same text under the same key gives the same
 * answer, and re-checking it once a minute per token still took 10 % of the server's CPU samples with 4,096 buyers
 * (ADR 0057).
 */
public final class JwtVerifier {
    static final int MAX_SKEW_SECONDS = 60;
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    static final int REMEMBER_SECONDS = 60;

    /**
     * A token that passed: its caller, until when it is accepted, the keys of the JWKS that could have verified it
     * (those its header selects), and when they were last seen in the JWKS.
     */
    private record Passed(Caller caller, Instant acceptedUntil, List<JWK> keys, Instant keysSeen) {
        Passed seenAgain(Instant now) {
            return new Passed(caller, acceptedUntil, keys, now);
        }
    }

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final JWKSource<SecurityContext> keys;
    private final Clock clock;
    private final Cache<String, Passed> passed;

    public JwtVerifier(JWKSource<SecurityContext> keys, String issuer, String audience, Clock clock) {
        this.keys = keys;
        this.clock = clock;
        this.passed = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfter(Expiry.<String, Passed>writing(
                        (token, known) -> Duration.between(clock.instant(), known.acceptedUntil())))
                .build();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        var claims = new DefaultJWTClaimsVerifier<SecurityContext>(
                audience, new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", "iat"));
        claims.setMaxClockSkew(MAX_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** Trusts the public keys of {@code keys} (private parts, if any, are ignored). */
    public static JwtVerifier trusting(JWKSet keys, String issuer, String audience) {
        return new JwtVerifier(new ImmutableJWKSet<>(keys.toPublicJWKSet()), issuer, audience, Clock.systemUTC());
    }

    public static JwtVerifier fromFile(Path jwks, String issuer, String audience) {
        try {
            return trusting(JWKSet.load(jwks.toFile()), issuer, audience);
        } catch (IOException | ParseException unreadable) {
            throw new IllegalArgumentException("cannot read a JWKS from " + jwks + ": " + unreadable.getMessage());
        }
    }

    /** Fetches and caches the JWKS, refetching on an unknown key id (rotation). */
    public static JwtVerifier fromUrl(URL jwks, String issuer, String audience) {
        JWKSource<SecurityContext> source =
                JWKSourceBuilder.create(jwks).retrying(true).build();
        return new JwtVerifier(source, issuer, audience, Clock.systemUTC());
    }

    /** The caller a valid token names. @throws InvalidToken for any token that is not valid */
    public Caller verify(String token) {
        Passed known = passed.getIfPresent(token);
        if (known != null) {
            Instant now = clock.instant();
            if (now.isAfter(known.acceptedUntil())) {
                passed.invalidate(token);
                throw new InvalidToken("expired");
            }
            if (now.isBefore(known.keysSeen().plusSeconds(REMEMBER_SECONDS))) {
                return known.caller();
            }
            if (stillTrusted(token, known)) {
                passed.put(token, known.seenAgain(now));
                return known.caller();
            }
            passed.invalidate(token);
        }
        return check(token);
    }

    /** Whether a key that could verify the token when it passed is still in the JWKS (the same key, not its id). */
    private boolean stillTrusted(String token, Passed known) {
        try {
            return selectable(SignedJWT.parse(token)).stream().anyMatch(known.keys()::contains);
        } catch (ParseException | KeySourceException unknown) {
            return false; // checked in full again, which says why
        }
    }

    private List<JWK> selectable(SignedJWT jwt) throws KeySourceException {
        return keys.get(new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader())), null);
    }

    private Caller check(String token) {
        JWTClaimsSet claims;
        List<JWK> verifying;
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            claims = processor.process(jwt, null);
            verifying = selectable(jwt);
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException invalid) {
            throw new InvalidToken(invalid.getMessage());
        }
        if (claims.getIssueTime().toInstant().isAfter(clock.instant().plus(Duration.ofSeconds(MAX_SKEW_SECONDS)))) {
            throw new InvalidToken("issued in the future");
        }
        var caller = new Caller(subject(claims), roles(claims), person(claims));
        // accepted as the claims check accepts it: until the expiry plus the allowed skew
        passed.put(
                token,
                new Passed(
                        caller,
                        claims.getExpirationTime().toInstant().plusSeconds(MAX_SKEW_SECONDS),
                        List.copyOf(verifying),
                        clock.instant()));
        return caller;
    }

    private static String subject(JWTClaimsSet claims) {
        try {
            return BuyerId.parse(claims.getSubject()).toString();
        } catch (IllegalArgumentException notUuid) {
            throw new InvalidToken("sub is not a UUID");
        }
    }

    /** The {@code name} and {@code email} claims, when they are strings: CreateBuyer's defaults, checked there. */
    private static Caller.Claims person(JWTClaimsSet claims) {
        return new Caller.Claims(text(claims, "name"), text(claims, "email"));
    }

    private static @Nullable String text(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String value ? value : null;
    }

    private static Set<Role> roles(JWTClaimsSet claims) {
        List<String> names;
        try {
            names = claims.getStringListClaim("roles");
        } catch (ParseException notAList) {
            throw new InvalidToken("roles is not a list of strings");
        }
        var roles = EnumSet.noneOf(Role.class);
        // names we do not know are another application's roles: they grant nothing here (ADR 0016)
        for (String name : names == null ? List.<String>of() : names) {
            switch (name) {
                case "user" -> roles.add(Role.USER);
                case "admin" -> roles.addAll(Set.of(Role.USER, Role.ADMIN));
                default -> {}
            }
        }
        return roles;
    }

    /** The token was refused; the message is for the server's log only. */
    public static final class InvalidToken extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidToken(String reason) {
            super(reason);
        }
    }
}
