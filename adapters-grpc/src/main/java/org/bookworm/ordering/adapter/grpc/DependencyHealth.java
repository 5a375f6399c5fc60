package org.bookworm.ordering.adapter.grpc;

import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The health of what the server depends on, probed on a schedule (never on a request's path) and published in gRPC
 * health: each dependency as a service of its own name ({@code postgresql}, {@code redis}, {@code smtp}), SERVING or
 * NOT_SERVING, and the whole server ({@code ""}) NOT_SERVING while a dependency it cannot serve without (its system
 * of record) does not answer. Each dependency has a probing thread of its own, so one that hangs until its timeout
 * does not delay the others. The last {@link Reading} of each is kept for whoever needs it (logs, metrics); a change
 * is logged once, a steady state never.
 */
public final class DependencyHealth implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DependencyHealth.class.getName());

    /** A cheap question to a dependency with a short timeout of its own; it throws when there is no answer. */
    @FunctionalInterface
    public interface Probe {
        void check() throws Exception;
    }

    /**
     * One thing the server depends on.
     *
     * @param name the gRPC health service name it is published under
     * @param critical whether the server cannot serve at all without it (PostgreSQL, its system of record)
     */
    public record Dependency(String name, Probe probe, boolean critical) {
        public Dependency {
            if (name.isBlank()) {
                throw new IllegalArgumentException("a dependency needs a name: the whole server is the blank one");
            }
            Objects.requireNonNull(probe, "probe");
        }
    }

    /** The outcome of the last probe of a dependency: whether it answered, when, and why not. */
    public record Reading(String name, boolean up, Instant at, String detail) {}

    private final List<Dependency> dependencies;
    private final HealthStatusManager health;
    private final Clock clock;
    private final ScheduledExecutorService probing;
    private final Map<String, Reading> readings = new ConcurrentHashMap<>();

    DependencyHealth(List<Dependency> dependencies, HealthStatusManager health, Clock clock) {
        this.dependencies = List.copyOf(dependencies);
        this.health = health;
        this.clock = clock;
        this.probing = Executors.newScheduledThreadPool(
                Math.max(1, dependencies.size()),
                Thread.ofPlatform().name("health-probe-", 0).daemon().factory());
    }

    /** Probes every dependency once now, so health is true from the start, then every {@code interval}. */
    void start(Duration interval) {
        dependencies.forEach(this::probe);
        for (Dependency dependency : dependencies) {
            probing.scheduleWithFixedDelay(
                    () -> probe(dependency), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The last reading of each dependency, by name. */
    public Map<String, Reading> readings() {
        return Map.copyOf(readings);
    }

    private void probe(Dependency dependency) {
        Reading reading;
        try {
            dependency.probe().check();
            reading = new Reading(dependency.name(), true, clock.instant(), "answered");
        } catch (Exception | Error failed) {
            // an Error too: a probe must never stop its schedule, and a missing class is a "down" worth seeing
            reading = new Reading(dependency.name(), false, clock.instant(), String.valueOf(failed.getMessage()));
        }
        Reading before = readings.put(dependency.name(), reading);
        if (before == null || before.up() != reading.up()) {
            LOG.log(
                    reading.up() ? Level.INFO : Level.WARNING,
                    "{0} is {1}: {2}",
                    dependency.name(),
                    reading.up() ? "up" : "down",
                    reading.detail());
        }
        publish(dependency.name(), reading.up());
    }

    private synchronized void publish(String name, boolean up) {
        health.setStatus(name, up ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
        boolean serving = dependencies.stream()
                .filter(Dependency::critical)
                .allMatch(critical -> readings.containsKey(critical.name())
                        && readings.get(critical.name()).up());
        health.setStatus("", serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
    }

    @Override
    public void close() {
        probing.shutdownNow();
        try {
            probing.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
