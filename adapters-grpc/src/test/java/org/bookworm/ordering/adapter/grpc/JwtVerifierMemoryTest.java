package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** A token that passed is remembered, but never past its expiry, and a refused one is never remembered. */
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
