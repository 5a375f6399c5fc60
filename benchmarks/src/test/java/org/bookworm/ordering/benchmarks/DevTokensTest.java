package org.bookworm.ordering.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.JwtVerifier;
import org.bookworm.ordering.core.common.BuyerId;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The driver's tokens must pass the server's own verifier (adapters-grpc's {@link JwtVerifier}, with the issuer and
 * audience `ordering serve` trusts by default) when signed with a key stored the way the server stores its dev key.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class DevTokensTest {
    private static final String ISSUER = "urn:bookworm:dev";
    private static final String AUDIENCE = "bookworm-orders";

    @TempDir
    Path serverDataDir;

    @Test
    void a_buyer_token_names_the_buyer_and_no_admin_role() throws Exception {
        ECKey key = devKeyIn(serverDataDir);
        UUID buyer = UUID.randomUUID();

        var caller = JwtVerifier.trusting(new JWKSet(key.toPublicJWK()), ISSUER, AUDIENCE)
                .verify(DevTokens.of(serverDataDir).buyer(buyer));

        assertThat(caller.buyerId()).isEqualTo(new BuyerId(buyer));
        assertThat(caller.isAdmin()).isFalse();
    }

    @Test
    void an_admin_token_carries_the_admin_role() throws Exception {
        ECKey key = devKeyIn(serverDataDir);

        var caller = JwtVerifier.trusting(new JWKSet(key.toPublicJWK()), ISSUER, AUDIENCE)
                .verify(DevTokens.of(serverDataDir).admin());

        assertThat(caller.isAdmin()).isTrue();
    }

    @Test
    void a_server_with_another_key_refuses_the_tokens() throws Exception {
        devKeyIn(serverDataDir);
        ECKey other = new ECKeyGenerator(Curve.P_256).keyID("other").generate();

        var verifier = JwtVerifier.trusting(new JWKSet(other.toPublicJWK()), ISSUER, AUDIENCE);

        assertThatThrownBy(() -> verifier.verify(DevTokens.of(serverDataDir).buyer(UUID.randomUUID())))
                .isInstanceOf(JwtVerifier.InvalidToken.class);
    }

    /** As cli's DevKeys writes it: the private JWK as JSON in dev-signing-key.jwk. */
    private static ECKey devKeyIn(Path dataDir) throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256)
                .keyID("dev-" + UUID.randomUUID())
                .generate();
        Files.writeString(dataDir.resolve("dev-signing-key.jwk"), key.toJSONString());
        return key;
    }
}
