package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * Health follows the probes both ways (issue 11.7): a critical dependency that stops answering takes the whole
 * server to NOT_SERVING, another only its own name; both come back when the probe answers again. The probes here
 * are switches; the real ones (PostgreSQL, Redis) are exercised by cli's ServeHealthIT against processes of its own.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class DependencyHealthTest {
    private final ApiFixture api = new ApiFixture();
    private final GrpcServer server = GrpcServer.start(GrpcServer.Settings.plaintext("127.0.0.1", 0), api.api);
    private final AtomicBoolean database = new AtomicBoolean(true);
    private final AtomicBoolean cache = new AtomicBoolean(true);

    @AfterEach
    void close() {
        server.close();
        api.close();
    }

    @Test
    void health_follows_each_dependency_and_the_system_of_record_decides_for_the_server() {
        server.probing(
                List.of(
                        new DependencyHealth.Dependency("postgresql", () -> answer(database, "refused"), true),
                        new DependencyHealth.Dependency("redis", () -> answer(cache, "timed out"), false)),
                Duration.ofMillis(20));
        assertThat(status("")).isEqualTo(ServingStatus.SERVING);
        assertThat(status("postgresql")).isEqualTo(ServingStatus.SERVING);
        assertThat(status("redis")).isEqualTo(ServingStatus.SERVING);

        cache.set(false);
        await("redis", ServingStatus.NOT_SERVING);
        assertThat(status("")).isEqualTo(ServingStatus.SERVING); // baskets fail, orders are still served
        assertThat(server.dependencyHealth().get("redis").detail()).isEqualTo("timed out");
        cache.set(true);
        await("redis", ServingStatus.SERVING);

        database.set(false);
        await("", ServingStatus.NOT_SERVING);
        assertThat(status("postgresql")).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(server.dependencyHealth().get("postgresql").up()).isFalse();
        database.set(true);
        await("", ServingStatus.SERVING);
        assertThat(status("postgresql")).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void a_system_of_record_down_at_start_is_reported_before_the_first_call() {
        database.set(false);
        server.probing(
                List.of(new DependencyHealth.Dependency("postgresql", () -> answer(database, "refused"), true)),
                Duration.ofHours(1));
        assertThat(status("")).isEqualTo(ServingStatus.NOT_SERVING);
    }

    @Test
    void shutting_down_wins_over_a_probe() {
        server.probing(
                List.of(new DependencyHealth.Dependency("postgresql", () -> answer(database, "refused"), true)),
                Duration.ofMillis(10));
        server.close();
        assertThat(status("")).isEqualTo(ServingStatus.NOT_SERVING);
    }

    private static void answer(AtomicBoolean up, String problem) {
        if (!up.get()) {
            throw new IllegalStateException(problem);
        }
    }

    private ServingStatus status(String service) {
        return HealthGrpc.newBlockingStub(api.channel())
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build())
                .getStatus();
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", interrupted);
        }
    }

    private void await(String service, ServingStatus expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (status(service) != expected && System.nanoTime() < deadline) {
            sleep();
        }
        assertThat(status(service)).as("health of '%s'", service).isEqualTo(expected);
    }
}
