package org.bookworm.ordering.cli.telemetry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.bookworm.ordering.adapter.postgres.PostgresAdapters;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.finance.SagaDeadlines;

/**
 * Gauges of what waits in PostgreSQL: each subscription's position, lag (events and seconds) and held lanes, the log
 * horizon, the e-mail outbox, and the checkout sagas' open deadlines. A daemon thread samples them every few seconds
 * on a connection of the pool; a scrape only reads the last sample, so scraping never touches the database.
 */
final class StoreGauges implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StoreGauges.class.getName());
    /** An append commits in milliseconds: a writer open longer than this holds the subscriptions back. */
    static final Duration HELD_BACK_AFTER = Duration.ofSeconds(1);

    private final PostgresAdapters pg;
    private final List<String> subscriptions;
    private final InstantSource clock;
    private final ScheduledExecutorService sampler;
    private final MultiGauge sagasByStep;
    private volatile StoreSample latest;

    StoreGauges(
            MeterRegistry registry,
            PostgresAdapters pg,
            List<String> subscriptions,
            InstantSource clock,
            Duration every) {
        this.pg = pg;
        this.subscriptions = List.copyOf(subscriptions);
        this.clock = clock;
        this.latest = StoreSample.empty(subscriptions);
        for (String name : subscriptions) {
            perSubscription(registry, name);
        }
        gauge(
                registry,
                "ordering.log.horizon.held_back",
                "1 while a writing transaction open over a second holds the subscriptions back",
                "",
                Tags.empty(),
                s -> s.heldBack() ? 1 : 0);
        gauge(
                registry,
                "ordering.log.horizon.oldest_transaction.age",
                "Age of the oldest open writing transaction",
                "seconds",
                Tags.empty(),
                StoreSample::oldestWriterAge);
        gauge(
                registry,
                "ordering.outbox.pending",
                "E-mails not sent yet",
                "",
                Tags.empty(),
                StoreSample::pendingEmails);
        gauge(
                registry,
                "ordering.outbox.oldest_pending.age",
                "Age of the oldest e-mail not sent yet",
                "seconds",
                Tags.empty(),
                StoreSample::oldestPendingAge);
        gauge(
                registry,
                "ordering.checkout.deadlines.due",
                "Saga deadlines due and not fired yet",
                "",
                Tags.empty(),
                StoreSample::deadlinesDue);
        this.sagasByStep = MultiGauge.builder("ordering.checkout.sagas_in_flight")
                .description("Checkouts waiting on a step (0: placement; then reservation and payment attempts)")
                .register(registry);
        this.sampler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("ordering-metrics-sampler").daemon().factory());
        sampler.scheduleWithFixedDelay(this::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void perSubscription(MeterRegistry registry, String name) {
        Tags tags = Tags.of("subscription", name);
        gauge(
                registry,
                "ordering.subscription.position",
                "Log position of the checkpoint",
                "",
                tags,
                s -> s.of(name).position());
        gauge(
                registry,
                "ordering.subscription.lag.events",
                "Committed events after the checkpoint (counted up to 100,000)",
                "",
                tags,
                s -> s.of(name).unread());
        gauge(
                registry,
                "ordering.subscription.lag",
                "Age of the oldest event not handled yet (0 when caught up)",
                "seconds",
                tags,
                s -> s.of(name).lagSeconds());
        gauge(
                registry,
                "ordering.subscription.held_lanes",
                "Lanes held after a failure and retried with backoff",
                "",
                tags.and("status", "retrying"),
                s -> s.of(name).retrying());
        gauge(
                registry,
                "ordering.subscription.dead_letters",
                "Lanes parked until an operator acts (dead letters)",
                "",
                tags,
                s -> s.of(name).parked());
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            String unit,
            Tags tags,
            ToDoubleFunction<StoreSample> value) {
        var builder = Gauge.builder(name, this, gauges -> value.applyAsDouble(gauges.latest))
                .description(description)
                .tags(tags);
        if (!unit.isEmpty()) {
            builder.baseUnit(unit);
        }
        builder.register(registry);
    }

    private void sample() {
        try {
            Instant now = clock.instant();
            var backlog = pg.backlog(subscriptions);
            var bySubscription = new TreeMap<String, StoreSample.Subscription>();
            for (String name : subscriptions) {
                bySubscription.put(name, subscription(name, backlog.unread().get(name), now));
            }
            var horizon = pg.holdback();
            List<SagaDeadlines.Deadline> open = pg.sagaDeadlines().pending();
            latest = new StoreSample(
                    bySubscription,
                    horizon.filter(h -> h.age().compareTo(HELD_BACK_AFTER) > 0).isPresent(),
                    horizon.map(h -> seconds(h.age())).orElse(0.0),
                    backlog.pendingEmails(),
                    backlog.oldestPendingEmail()
                            .map(at -> seconds(Duration.between(at, now)))
                            .orElse(0.0),
                    open.stream().filter(d -> !d.dueAt().isAfter(now)).count());
            Map<Integer, Long> bySteps =
                    open.stream().collect(Collectors.groupingBy(SagaDeadlines.Deadline::step, Collectors.counting()));
            sagasByStep.register(
                    bySteps.entrySet().stream()
                            .map(step -> MultiGauge.Row.of(
                                    Tags.of("step", step.getKey().toString()), step.getValue()))
                            .toList(),
                    true);
        } catch (RuntimeException failed) {
            // the gauges keep the last sample; the next round tries again
            LOG.log(System.Logger.Level.WARNING, "sampling the store's metrics failed: " + failed.getMessage());
        }
    }

    /** From the backlog's reads, never through the log: its read-ahead pages belong to the subscriptions. */
    private StoreSample.Subscription subscription(String name, PostgresAdapters.Unread unread, Instant now) {
        LogPosition position = pg.checkpoints().load(name);
        double lag = unread.first()
                .map(first -> Math.max(0, seconds(Duration.between(first, now))))
                .orElse(0.0);
        long retrying = 0;
        long parked = 0;
        for (DeadLetters.Lane lane : pg.deadLetters().lanes(name)) {
            if (lane.hold().status() == DeadLetters.Status.PARKED) {
                parked++;
            } else {
                retrying++;
            }
        }
        return new StoreSample.Subscription(position.position(), unread.events(), lag, retrying, parked);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
