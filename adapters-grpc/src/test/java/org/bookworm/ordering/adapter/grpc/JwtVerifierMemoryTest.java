package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * A token that passed is remembered, but never past its expiry nor past a minute after its key left the JWKS, and a
 * refused one is never remembered.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class JwtVerifierMemoryTest {
    private final TestTokens tokens = new TestTokens();
    private final MovableClock clock = new MovableClock();
    private final JwtVerifier verifier =
            new JwtVerifier(new ImmutableJWKSet<>(tokens.jwks()), TestTokens.ISSUER, TestTokens.AUDIENCE, clock);

    @Test
    void a_remembered_token_names_the_same_caller_again() {
        UUID buyer = UUID.randomUUID();
        String token = tokens.admin(buyer);

        var first = verifier.verify(token);
        var again = verifier.verify(token);

        assertThat(again).isEqualTo(first);
        assertThat(again.subject()).isEqualTo(buyer.toString());
        assertThat(again.isAdmin()).isTrue();
    }

    @Test
    void a_remembered_token_is_refused_once_it_has_expired() {
        String token = tokens.user(UUID.randomUUID()); // expires in 5 minutes
        verifier.verify(token);

        clock.advance(Duration.ofMinutes(5).plusSeconds(JwtVerifier.MAX_SKEW_SECONDS - 5));
        verifier.verify(token);
        clock.advance(Duration.ofSeconds(10));

        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOf(JwtVerifier.InvalidToken.class)
                .hasMessage("expired");
    }

    @Test
    void a_refused_token_is_checked_again_every_time() {
        String forged = tokens.forged(UUID.randomUUID());

        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(JwtVerifier.InvalidToken.class);
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(JwtVerifier.InvalidToken.class);
    }

    /**
     * Past a minute, a remembered token is trusted on only while its key is still in the JWKS. Before, the token was
     * forgotten after a minute of the cache's own time and its signature checked again in full (10 % of the server's
     * CPU samples with 4,096 buyers); now the key is looked up, and a key gone from the JWKS ends the trust as before.
     */
    @Test
    void a_remembered_token_is_refused_within_a_minute_of_its_key_leaving_the_jwks() {
        var jwks = new AtomicReference<>(tokens.jwks());
        var verifier = trusting(jwks);
        String token = tokens.user(UUID.randomUUID());
        verifier.verify(token);

        jwks.set(new JWKSet());
        clock.advance(Duration.ofSeconds(JwtVerifier.REMEMBER_SECONDS - 10));
        verifier.verify(token); // still within the minute: remembered, as documented
        clock.advance(Duration.ofSeconds(11));

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(JwtVerifier.InvalidToken.class);
    }

    @Test
    void a_remembered_token_is_refused_once_its_key_is_replaced_under_the_same_key_id() {
        var jwks = new AtomicReference<>(tokens.jwks());
        var verifier = trusting(jwks);
        String token = tokens.user(UUID.randomUUID());
        verifier.verify(token);

        jwks.set(tokens.strangerJwks());
        clock.advance(Duration.ofSeconds(JwtVerifier.REMEMBER_SECONDS + 1));

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(JwtVerifier.InvalidToken.class);
    }

    @Test
    void a_remembered_token_whose_key_stays_is_accepted_past_the_minute_until_it_expires() {
        String token = tokens.user(UUID.randomUUID()); // expires in 5 minutes
        var first = verifier.verify(token);

        for (int minute = 1; minute <= 5; minute++) {
            clock.advance(Duration.ofMinutes(1));
            assertThat(verifier.verify(token)).isEqualTo(first);
        }
    }

    /** A verifier trusting whatever JWKS {@code jwks} holds at each call, as a JWKS read from a URL changes. */
    private JwtVerifier trusting(AtomicReference<JWKSet> jwks) {
        JWKSource<SecurityContext> source = (selector, context) -> selector.select(jwks.get());
        return new JwtVerifier(source, TestTokens.ISSUER, TestTokens.AUDIENCE, clock);
    }

    /** The system clock, moved forward by the test. */
    private static final class MovableClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }
}
