package org.bookworm.ordering.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.bookworm.ordering.adapter.grpc.GrpcServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Health tells the truth about the dependencies (issue 11.7): {@code ordering serve} on a PostgreSQL cluster and a
 * redis-server of the test's own. Redis frozen (SIGSTOP) or killed makes {@code redis} NOT_SERVING while the server
 * stays SERVING; PostgreSQL stopped makes {@code postgresql} and the whole server NOT_SERVING; each comes back when
 * the process does. Every step is bounded; both processes are stopped at the end.
 */
class ServeHealthIT {
    private static final long FLIP_SECONDS = 20;

    @TempDir
    Path dataDir;

    @Test
    void health_flips_both_ways_when_postgresql_or_redis_goes_down_and_comes_back() throws Exception {
        var failure = new AtomicReference<Throwable>();
        var timeline = new ArrayList<String>();
        try (var postgres = OwnPostgres.start();
                var redis = OwnRedis.start()) {
            var wiring = new Wiring() {
                @Override
                void serveUntilStopped(GrpcServer server, PrintWriter out) {
                    try {
                        exercise(server, postgres, redis, timeline);
                    } catch (Throwable failed) {
                        failure.set(failed);
                    }
                }
            };
            var out = new StringWriter();
            var err = new StringWriter();
            int exit = OrderingCli.commandLine(wiring)
                    .setOut(new PrintWriter(out))
                    .setErr(new PrintWriter(err))
                    .execute(
                            "serve",
                            "--postgres-url",
                            postgres.jdbcUrl(),
                            "--redis-url",
                            redis.url(),
                            "--port",
                            "0",
                            "--data-dir",
                            dataDir.toString());
            if (failure.get() != null) {
                throw new AssertionError("after " + timeline, failure.get());
            }
            assertThat(exit).as("%s%n%s", out, err).isZero();
        }
        assertThat(timeline)
                .containsExactly(
                        "all serving",
                        "redis frozen: redis NOT_SERVING, server SERVING",
                        "redis thawed: redis SERVING",
                        "redis killed: redis NOT_SERVING, server SERVING",
                        "redis restarted: redis SERVING",
                        "postgresql stopped: postgresql NOT_SERVING, server NOT_SERVING",
                        "postgresql started: postgresql SERVING, server SERVING");
    }

    private static void exercise(GrpcServer server, OwnPostgres postgres, OwnRedis redis, List<String> timeline)
            throws Exception {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress(
                        "127.0.0.1", server.port(), InsecureChannelCredentials.create())
                .build();
        try {
            var health = new Health(channel);
            health.await(Map.of(
                    "", ServingStatus.SERVING, "postgresql", ServingStatus.SERVING, "redis", ServingStatus.SERVING));
            timeline.add("all serving");

            redis.freeze();
            health.await(Map.of("redis", ServingStatus.NOT_SERVING));
            assertThat(health.status("")).isEqualTo(ServingStatus.SERVING);
            timeline.add("redis frozen: redis NOT_SERVING, server SERVING");
            redis.thaw();
            health.await(Map.of("redis", ServingStatus.SERVING));
            timeline.add("redis thawed: redis SERVING");

            redis.close();
            health.await(Map.of("redis", ServingStatus.NOT_SERVING));
            assertThat(health.status("")).isEqualTo(ServingStatus.SERVING);
            timeline.add("redis killed: redis NOT_SERVING, server SERVING");
            redis.up();
            health.await(Map.of("redis", ServingStatus.SERVING));
            timeline.add("redis restarted: redis SERVING");

            postgres.down();
            health.await(Map.of("postgresql", ServingStatus.NOT_SERVING, "", ServingStatus.NOT_SERVING));
            timeline.add("postgresql stopped: postgresql NOT_SERVING, server NOT_SERVING");
            postgres.up();
            health.await(Map.of("postgresql", ServingStatus.SERVING, "", ServingStatus.SERVING));
            timeline.add("postgresql started: postgresql SERVING, server SERVING");
        } finally {
            channel.shutdownNow();
        }
    }

    /** The gRPC health service as a load balancer asks it: no token, a short deadline. */
    private record Health(ManagedChannel channel) {
        ServingStatus status(String service) {
            try {
                return HealthGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(2, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.newBuilder()
                                .setService(service)
                                .build())
                        .getStatus();
            } catch (StatusRuntimeException unanswered) {
                return ServingStatus.UNKNOWN;
            }
        }

        void await(Map<String, ServingStatus> expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FLIP_SECONDS);
            while (!matches(expected) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            expected.forEach((service, status) ->
                    assertThat(status(service)).as("health of '%s'", service).isEqualTo(status));
        }

        private boolean matches(Map<String, ServingStatus> expected) {
            return expected.entrySet().stream().allMatch(entry -> status(entry.getKey()) == entry.getValue());
        }
    }
}
