package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.Statuses.statusOf;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.Status.Code;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS by configuration: a throw-away self-signed key made at run time (the JDK's keytool), nothing committed. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class TlsServerTest {
    @TempDir
    Path dir;

    @Test
    void with_a_certificate_and_key_the_server_speaks_only_tls() throws Exception {
        Path keystore = dir.resolve("server.p12");
        var keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "server",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-validity",
                        "1",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        "changeit")
                .redirectErrorStream(true)
                .start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).isZero();
        var store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        Path cert = pem(
                dir.resolve("server.crt"),
                "CERTIFICATE",
                store.getCertificate("server").getEncoded());
        Path key = pem(
                dir.resolve("server.key"),
                "PRIVATE KEY",
                store.getKey("server", "changeit".toCharArray()).getEncoded());

        try (var api = new ApiFixture();
                var server = GrpcServer.start(new GrpcServer.Settings("127.0.0.1", 0, 4, 16, cert, key), api.api)) {
            var tls = Grpc.newChannelBuilderForAddress(
                            "127.0.0.1",
                            server.port(),
                            TlsChannelCredentials.newBuilder()
                                    .trustManager(cert.toFile())
                                    .build())
                    .overrideAuthority("localhost")
                    .build();
            var plain = Grpc.newChannelBuilderForAddress(
                            "127.0.0.1", server.port(), InsecureChannelCredentials.create())
                    .build();
            try {
                var health = HealthGrpc.newBlockingStub(tls).withDeadlineAfter(10, TimeUnit.SECONDS);
                assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
                        .isEqualTo(ServingStatus.SERVING);
                var status = statusOf(() -> HealthGrpc.newBlockingStub(plain)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()));
                assertThat(status.getCode()).isIn(List.of(Code.UNAVAILABLE, Code.INTERNAL, Code.DEADLINE_EXCEEDED));
            } finally {
                tls.shutdownNow();
                plain.shutdownNow();
            }
        }
    }

    private static Path pem(Path file, String type, byte[] der) throws java.io.IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }
}
