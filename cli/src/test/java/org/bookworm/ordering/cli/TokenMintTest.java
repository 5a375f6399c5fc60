package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.cli.OrderingCliTest.run;

import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.JwtVerifier;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ordering token mint}: what a newcomer types, and what the token then says. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class TokenMintTest {
    @TempDir
    Path dataDir;

    private OrderingCliTest.Run mint(String... options) {
        var args = new java.util.ArrayList<>(java.util.List.of("token", "mint", "--data-dir", dataDir.toString()));
        args.addAll(java.util.List.of(options));
        return run(new Wiring(), args.toArray(String[]::new));
    }

    private String subjectOf(String token) throws Exception {
        var verifier = JwtVerifier.fromFile(dataDir.resolve("dev-jwks.json"), DevKeys.ISSUER, DevKeys.AUDIENCE);
        return verifier.verify(token.strip()).subject();
    }

    @Test
    void without_sub_each_token_names_a_fresh_buyer_and_says_which() throws Exception {
        var first = mint();
        var second = mint("--role", "user");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        String firstBuyer = subjectOf(first.out());
        String secondBuyer = subjectOf(second.out());
        assertThat(UUID.fromString(firstBuyer)).isNotEqualTo(UUID.fromString(secondBuyer));
        // stdout is the token alone, so TOKEN=$(bin/ordering token mint) works; the subject goes to stderr
        assertThat(first.out().lines()).hasSize(1);
        assertThat(first.err().lines())
                .containsExactly("ordering: a token for a new buyer, --sub " + firstBuyer
                        + " (pass --sub to act as the same buyer again)");
    }

    @Test
    void with_sub_the_token_names_that_buyer_and_stderr_stays_quiet() throws Exception {
        String buyer = UUID.randomUUID().toString();

        var minted = mint("--sub", buyer);

        assertThat(minted.exitCode()).as(minted.err()).isZero();
        assertThat(subjectOf(minted.out())).isEqualTo(buyer);
        assertThat(minted.err()).isEmpty();
    }

    @Test
    void name_and_email_become_the_token_s_name_and_email_claims() throws Exception {
        var minted = mint("--name", "Ada Lovelace", "--email", "ada@example.com");

        assertThat(minted.exitCode()).as(minted.err()).isZero();
        var claims = SignedJWT.parse(minted.out().strip()).getJWTClaimsSet();
        assertThat(claims.getStringClaim("name")).isEqualTo("Ada Lovelace");
        assertThat(claims.getStringClaim("email")).isEqualTo("ada@example.com");
        subjectOf(minted.out());
    }

    @Test
    void without_name_and_email_the_token_has_no_such_claims() throws Exception {
        var minted = mint();

        var claims = SignedJWT.parse(minted.out().strip()).getJWTClaimsSet();
        assertThat(claims.getClaims()).doesNotContainKeys("name", "email");
    }

    @Test
    void a_bad_name_or_email_is_one_line_on_stderr_exit_2_and_no_token() {
        assertRefused(
                mint("--email", "ada.example.com"), "ordering: --email: 'ada.example.com' is not an e-mail address");
        assertRefused(
                mint("--email", "ada@example.com\r\nBcc: x@evil.example"),
                "ordering: --email: e-mail address contains the invisible or control character U+000D");
        assertRefused(mint("--name", " "), "ordering: --name: name is required");
        assertRefused(
                mint("--name", "Ada\u202E"),
                "ordering: --name: name contains the invisible or control character U+202E");
        assertRefused(mint("--name", "x".repeat(201)), "ordering: --name: name is longer than 200 characters");
    }

    @Test
    void bad_role_ttl_or_sub_are_refused_as_before() {
        assertRefused(mint("--role", "root"), "ordering: --role is user or admin, not 'root'");
        assertRefused(mint("--ttl", "25h"), "ordering: --ttl is between 1s and 24h");
        assertRefused(
                mint("--sub", "alice"), "ordering: buyer id must be a UUID like 0192f0c8-3c4b-7d8e-9f00-112233445566");
    }

    private static void assertRefused(OrderingCliTest.Run run, String line) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(line);
    }
}
