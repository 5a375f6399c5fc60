package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.cli.OrderingCliTest.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.bookworm.ordering.adapter.grpc.ServiceToken;
import org.bookworm.ordering.core.composition.Service;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve --services}, {@code --background}, {@code --service-token-file}, {@code --gateway}: checked first. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ServicesFlagTest {
    @TempDir
    Path dir;

    private OrderingCliTest.Run serve(String... flags) {
        var args = new java.util.ArrayList<>(java.util.List.of("serve", "--port", "0", "--data-dir", dir.toString()));
        args.addAll(java.util.List.of(flags));
        return run(new Wiring(), args.toArray(String[]::new));
    }

    private Path tokenFile() throws IOException {
        Path file = dir.resolve("service-token");
        Files.writeString(file, "0123456789abcdef0123456789abcdef\n");
        return file;
    }

    @Test
    void serve_help_documents_the_flags() {
        var run = run(new Wiring(), "serve", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(
                        "--services",
                        "--background",
                        "--service-token-file",
                        "--gateway",
                        "--partitions",
                        "--lease-duration");
    }

    @Test
    void an_unknown_service_is_one_line_naming_it_with_exit_2_and_nothing_starts() {
        var run = serve("--in-memory", "--services", "ordering,shipping");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip())
                .isEqualTo("ordering: --services: unknown service 'shipping': the services are ordering, basket,"
                        + " finance, notification");
        assertThat(run.out()).doesNotContain("serving gRPC");
    }

    private static final String[] SHARED = {
        "--postgres-url", "jdbc:postgresql://127.0.0.1:1/none", "--redis-url", "redis://127.0.0.1:1"
    };

    private OrderingCliTest.Run serveShared(String... flags) {
        var args = new java.util.ArrayList<>(java.util.List.of(SHARED));
        args.addAll(java.util.List.of(flags));
        return serve(args.toArray(String[]::new));
    }

    @Test
    void fewer_than_four_services_need_the_shared_stores_the_service_token_and_the_gateway_for_a_service_elsewhere()
            throws IOException {
        var noStores = serve("--services", "basket");
        var noToken = serveShared("--services", "basket");
        var noGateway = serveShared(
                "--services", "finance", "--service-token-file", tokenFile().toString());
        var orderingWithoutFinance = serveShared(
                "--services",
                "ordering,basket,notification",
                "--service-token-file",
                tokenFile().toString());
        var background = serve("--background", "some");

        assertThat(noStores.exitCode()).isEqualTo(2);
        assertThat(noStores.err()).contains("needs --postgres-url and --redis-url");
        assertThat(noToken.exitCode()).isEqualTo(2);
        assertThat(noToken.err()).contains("--service-token-file");
        assertThat(noGateway.exitCode()).isEqualTo(2);
        assertThat(noGateway.err()).contains("--gateway host:port");
        assertThat(orderingWithoutFinance.exitCode())
                .as("payments are authorized by Finance")
                .isEqualTo(2);
        assertThat(orderingWithoutFinance.err()).contains("--gateway host:port");
        assertThat(background.exitCode()).isEqualTo(2);
        assertThat(background.err()).contains("--background is all or none, not 'some'");
    }

    @Test
    void partitions_and_lease_duration_out_of_range_are_usage_errors_of_one_line() {
        var none = serve("--partitions", "0");
        var many = serve("--partitions", "257");
        var instant = serve("--lease-duration", "10ms");
        var garbage = serve("--lease-duration", "soon");

        assertThat(List.of(none, many, instant, garbage))
                .allSatisfy(run -> assertThat(run.exitCode()).isEqualTo(2));
        assertThat(none.err()).contains("--partitions 0", "between 1 and 256 partitions, not 0");
        assertThat(many.err()).contains("between 1 and 256 partitions, not 257");
        assertThat(instant.err()).contains("--lease-duration 10ms", "a lease lasts between 300 ms and 10 minutes");
        assertThat(garbage.err()).contains("'soon' is not a duration");
    }

    @Test
    void in_memory_runs_all_four_services() {
        var run = serve("--in-memory", "--services", "basket");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--in-memory runs all four services");
    }

    @Test
    void the_flags_reach_the_split_and_the_default_is_all_four_with_their_background_work() throws IOException {
        var serve = new ServeCommand(new Wiring());
        new CommandLine(serve).parseArgs();
        assertThat(serve.split()).isEqualTo(Split.ALL_IN_ONE);

        var replica = new ServeCommand(new Wiring());
        new CommandLine(replica)
                .parseArgs(
                        SHARED[0],
                        SHARED[1],
                        SHARED[2],
                        SHARED[3],
                        "--services",
                        "finance,notification",
                        "--background",
                        "none",
                        "--service-token-file",
                        tokenFile().toString(),
                        "--gateway",
                        "127.0.0.1:8080");
        var split = replica.split();
        assertThat(split.services()).isEqualTo(Set.of(Service.FINANCE, Service.NOTIFICATION));
        assertThat(split.background()).isFalse();
        assertThat(split.gateway()).isEqualTo("127.0.0.1:8080");
        assertThat(split.token()).isNotNull().extracting(ServiceToken::toString).isEqualTo("ServiceToken[***]");
    }
}
