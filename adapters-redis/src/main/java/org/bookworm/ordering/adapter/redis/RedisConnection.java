package org.bookworm.ordering.adapter.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One Lettuce connection, shared by every adapter (it is thread-safe and pipelines), configured to fail fast
 * (RELIABILITY §5): short command timeouts, commands rejected rather than queued while disconnected, a bounded
 * request queue, and automatic reconnection with a backoff capped at one second so service resumes within about a
 * second of Redis coming back. If Redis is down when the adapters start, the first command that needs it connects:
 * a service can start without its caches.
 */
final class RedisConnection implements AutoCloseable {
    static final int REQUEST_QUEUE_SIZE = 10_000;
    private static final Duration FIRST_RECONNECT_DELAY = Duration.ofMillis(50);
    private static final Duration LONGEST_RECONNECT_DELAY = Duration.ofSeconds(1);

    private final ClientResources resources;
    private final RedisClient client;
    private final long timeoutNanos;
    private volatile @Nullable StatefulRedisConnection<String, String> connection;

    RedisConnection(RedisConfig config) {
        this(config, CommandLatencyRecorder.disabled());
    }

    /** Command latencies go to {@code latencies} (Lettuce's own recorder, e.g. its Micrometer one: ADR 0033). */
    RedisConnection(RedisConfig config, CommandLatencyRecorder latencies) {
        this.resources = DefaultClientResources.builder()
                .reconnectDelay(
                        Delay.exponential(FIRST_RECONNECT_DELAY, LONGEST_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .commandLatencyRecorder(latencies)
                .build();
        this.timeoutNanos = config.commandTimeout().toNanos();
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(config.commandTimeout());
        this.client = RedisClient.create(resources, uri);
        client.setOptions(options(config.commandTimeout()));
    }

    static ClientOptions options(Duration commandTimeout) {
        return ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE_SIZE)
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(commandTimeout)
                        .keepAlive(true)
                        .build())
                .build();
    }

    /**
     * Sends one command and waits for its answer as Lettuce's synchronous API does (the same wait, timeout and
     * exceptions), without that API's reflective proxy: issue 13 found the proxy in the checkout's CPU profile.
     *
     * @throws io.lettuce.core.RedisException when Redis cannot be reached, refuses the command or does not answer
     *     within the command timeout (then the command is cancelled)
     */
    <T> T await(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
        return LettuceFutures.awaitOrCancel(command.apply(commands()), timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Connects now if no connection was ever made.
     *
     * @throws io.lettuce.core.RedisException when Redis cannot be reached
     */
    void connect() {
        commands();
    }

    private RedisAsyncCommands<String, String> commands() {
        StatefulRedisConnection<String, String> connected = connection;
        if (connected == null) {
            synchronized (this) {
                connected = connection;
                if (connected == null) {
                    connected = client.connect();
                    connection = connected;
                }
            }
        }
        return connected.async();
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> connected = connection;
        if (connected != null) {
            connected.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        // wait (bounded) for the event loops to stop, so a closed adapter leaves no threads behind
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3_000);
    }
}
