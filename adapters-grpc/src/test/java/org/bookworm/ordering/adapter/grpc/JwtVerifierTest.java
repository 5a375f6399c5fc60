package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/** The JWKS fetched over HTTP from the JDK's server on loopback, as an identity provider would publish it. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class JwtVerifierTest {
    private final TestTokens tokens = new TestTokens();
    private final AtomicInteger fetches = new AtomicInteger();
    private final HttpServer jwksServer = serve(tokens.jwks().toString());

    @AfterEach
    void stop() {
        jwksServer.stop(0);
    }

    @Test
    void a_token_is_checked_against_the_jwks_at_a_url() throws Exception {
        var url = URI.create("http://127.0.0.1:" + jwksServer.getAddress().getPort() + "/jwks.json")
                .toURL();
        var verifier = JwtVerifier.fromUrl(url, TestTokens.ISSUER, TestTokens.AUDIENCE);
        UUID buyer = UUID.randomUUID();

        assertThat(verifier.verify(tokens.user(buyer)).subject()).isEqualTo(buyer.toString());
        assertThat(verifier.verify(tokens.admin(buyer)).isAdmin()).isTrue();
        assertThatThrownBy(() -> verifier.verify(tokens.forged(buyer))).isInstanceOf(JwtVerifier.InvalidToken.class);
        assertThat(fetches.get()).isPositive();
    }

    @Test
    void an_unreadable_jwks_file_is_a_clear_startup_error() {
        assertThatThrownBy(() -> JwtVerifier.fromFile(
                        java.nio.file.Path.of("/nonexistent/jwks.json"), TestTokens.ISSUER, TestTokens.AUDIENCE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read a JWKS");
    }

    private HttpServer serve(String jwks) {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks.json", exchange -> {
                fetches.incrementAndGet();
                byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException cannotListen) {
            throw new java.io.UncheckedIOException(cannotListen);
        }
    }
}
