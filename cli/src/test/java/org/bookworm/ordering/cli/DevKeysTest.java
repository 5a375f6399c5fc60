package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.JwtVerifier;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev key is made once per data directory, even when {@code serve} and {@code token mint} start together on a
 * fresh one (the README's block): every token must verify against the JWKS that the server loads.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class DevKeysTest {
    @TempDir
    Path dataDir;

    @Test
    void keys_made_at_the_same_moment_in_one_process_are_one_key() throws Exception {
        int minters = 8;
        var start = new CountDownLatch(1);
        var tokens = new ArrayList<Future<String>>();
        try (var pool = Executors.newFixedThreadPool(minters)) {
            for (int i = 0; i < minters; i++) {
                var keys = new DevKeys(dataDir, Clock.systemUTC());
                tokens.add(pool.submit(() -> {
                    start.await();
                    return keys.mint(UUID.randomUUID(), "user", Duration.ofMinutes(5));
                }));
            }
            start.countDown();
        }
        var verifier = JwtVerifier.fromFile(dataDir.resolve("dev-jwks.json"), DevKeys.ISSUER, DevKeys.AUDIENCE);
        for (var token : tokens) {
            assertThat(verifier.verify(token.get()).roles()).hasSize(1);
        }
    }

    @Test
    void keys_made_at_the_same_moment_by_several_processes_are_one_key() throws Exception {
        var processes = new ArrayList<Process>();
        for (int i = 0; i < 3; i++) {
            processes.add(new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            OrderingCli.class.getName(),
                            "token",
                            "mint",
                            "--sub",
                            UUID.randomUUID().toString(),
                            "--data-dir",
                            dataDir.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start());
        }
        List<String> tokens = new ArrayList<>();
        for (var process : processes) {
            tokens.add(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isZero();
        }
        var verifier = JwtVerifier.fromFile(dataDir.resolve("dev-jwks.json"), DevKeys.ISSUER, DevKeys.AUDIENCE);
        for (String token : tokens) {
            assertThat(verifier.verify(token).roles()).hasSize(1);
        }
    }

    @Test
    void the_private_key_is_readable_by_its_owner_only() throws Exception {
        new DevKeys(dataDir, Clock.systemUTC()).jwks();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("dev-signing-key.jwk"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dataDir.resolve("dev-jwks.json"))).doesNotContain("\"d\"");
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrder("dev-signing-key.jwk", "dev-jwks.json", "dev-signing-key.lock");
        }
    }
}
