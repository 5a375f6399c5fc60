package org.bookworm.ordering.adapter.grpc;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The server's lifecycle, apart from the services: binds an {@link OrderingApi} on Netty with the transport caps
 * (256 KiB messages, 32 KiB metadata, 100 concurrent calls per connection, keep-alive and connection age limits),
 * admission control in front of a fixed pool of workers ({@link Admission}: past {@code threads + queue} unary calls
 * or {@value #MAX_STREAMS} streams in flight, RESOURCE_EXHAUSTED with a retry delay), optional TLS, health SERVING
 * while up and NOT_SERVING from the start of shutdown.
 */
public final class GrpcServer implements AutoCloseable {
    public static final int MAX_MESSAGE_BYTES = 256 * 1024;
    /**
     * All headers of one call. Above the 8 KiB that grpc-java advertises by default so that an authorization header of
     * up to {@link AuthInterceptor#MAX_AUTHORIZATION_CHARS} reaches the server and gets a readable answer: past the
     * transport limit a client learns only "http2 exception" (ADR 0017).
     */
    public static final int MAX_METADATA_BYTES = 32 * 1024;

    /** Server-streaming and bidirectional calls in flight (WatchOrder, reflection): they wait, they do not work. */
    public static final int MAX_STREAMS = 1_000;

    private final Server server;
    private final OrderingApi api;
    private final ThreadPoolExecutor executor;
    private final Admission admission;
    private volatile @Nullable DependencyHealth dependencies;

    /**
     * Where to listen, how many calls run at once ({@code threads}) and how many more may wait for a thread ({@code
     * queue}) before a call is refused, and the TLS files (both or neither).
     */
    public record Settings(
            String host,
            int port,
            int threads,
            int queue,
            @Nullable Path tlsCertChain,
            @Nullable Path tlsPrivateKey) {
        public Settings {
            if (host.isBlank()) {
                throw new IllegalArgumentException("a host to listen on is required");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("a port is between 0 and 65535, not " + port);
            }
            if (threads < 1 || queue < 1) {
                throw new IllegalArgumentException("the executor needs at least 1 thread and a queue of at least 1");
            }
            if ((tlsCertChain == null) != (tlsPrivateKey == null)) {
                throw new IllegalArgumentException("TLS needs both a certificate chain and a private key");
            }
        }

        public static Settings plaintext(String host, int port) {
            return new Settings(host, port, 16, 48, null, null);
        }
    }

    private GrpcServer(Server server, OrderingApi api, ThreadPoolExecutor executor, Admission admission) {
        this.server = server;
        this.api = api;
        this.executor = executor;
        this.admission = admission;
    }

    public static GrpcServer start(Settings settings, OrderingApi api) {
        return start(settings, api, List.of());
    }

    /**
     * As above, with {@code outermost} around every service's own interceptors (deadline, auth, rate limits), so they
     * see those refusals too; admission runs before them, as it must see the transport's own call (metrics and
     * traces: ADR 0033). The first of them runs first.
     */
    public static GrpcServer start(Settings settings, OrderingApi api, List<ServerInterceptor> outermost) {
        // unbounded in type only: admission lets in at most threads + queue calls and MAX_STREAMS streams, and each
        // call has at most one task queued at a time, so this queue never holds more than that
        var executor = new ThreadPoolExecutor(
                settings.threads(),
                settings.threads(),
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("grpc-call-", 0).daemon().factory());
        var admission = new Admission(settings.threads() + settings.queue(), MAX_STREAMS, executor);
        var builder = transport(settings, admission);
        // ServerInterceptors runs the last of a list first
        api.definitions()
                .forEach(service -> builder.addService(ServerInterceptors.intercept(service, outermost.reversed())));
        try {
            var server = builder.build().start();
            api.health().setStatus("", ServingStatus.SERVING);
            return new GrpcServer(server, api, executor, admission);
        } catch (IOException cannotBind) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + settings.host() + ":" + settings.port(), cannotBind);
        }
    }

    /** Netty with the caps of the class comment and admission in front of the workers. */
    private static NettyServerBuilder transport(Settings settings, Admission admission) {
        return NettyServerBuilder.forAddress(
                        new InetSocketAddress(settings.host(), settings.port()), credentials(settings))
                // the transport thread only picks the executor (admission) and answers health and refusals
                .directExecutor()
                .callExecutor(admission)
                .intercept(admission)
                .maxInboundMessageSize(MAX_MESSAGE_BYTES)
                .maxInboundMetadataSize(MAX_METADATA_BYTES)
                .maxConcurrentCallsPerConnection(100)
                .permitKeepAliveTime(30, TimeUnit.SECONDS)
                .maxConnectionIdle(5, TimeUnit.MINUTES)
                .maxConnectionAge(1, TimeUnit.HOURS)
                .maxConnectionAgeGrace(1, TimeUnit.MINUTES)
                .handshakeTimeout(5, TimeUnit.SECONDS)
                .maxRstFramesPerWindow(200, 10);
    }

    private static ServerCredentials credentials(Settings settings) {
        if (settings.tlsCertChain() == null || settings.tlsPrivateKey() == null) {
            return InsecureServerCredentials.create();
        }
        try {
            return TlsServerCredentials.create(
                    settings.tlsCertChain().toFile(), settings.tlsPrivateKey().toFile());
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the TLS certificate or key", unreadable);
        }
    }

    public int port() {
        return server.getPort();
    }

    /**
     * Publishes the health of {@code dependencies} (probed now, then every {@code interval}) as named services, and
     * the whole server as NOT_SERVING while a critical one does not answer; see {@link DependencyHealth}. Once only.
     */
    public synchronized GrpcServer probing(List<DependencyHealth.Dependency> dependencies, Duration interval) {
        if (this.dependencies != null) {
            throw new IllegalStateException("the dependencies are probed already");
        }
        var probes = new DependencyHealth(dependencies, api.health(), Clock.systemUTC());
        this.dependencies = probes;
        probes.start(interval);
        return this;
    }

    /** The last reading of each probed dependency, by name (none when nothing is probed). */
    public Map<String, DependencyHealth.Reading> dependencyHealth() {
        DependencyHealth probes = dependencies;
        return probes == null ? Map.of() : probes.readings();
    }

    /** Unary calls admitted and not yet ended. */
    public int callsInFlight() {
        return admission.callsInFlight();
    }

    /** Calls refused by admission control since the start (counted, never logged one by one). */
    public long refusedCalls() {
        return admission.refused();
    }

    /** Stops the server when the JVM is asked to exit (Ctrl-C, SIGTERM). */
    public GrpcServer withShutdownHook() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "grpc-shutdown"));
        return this;
    }

    public void awaitTermination() throws InterruptedException {
        server.awaitTermination();
    }

    /** Health goes NOT_SERVING, new calls are refused, running calls get 5 seconds to finish. */
    @Override
    public void close() {
        DependencyHealth probes = dependencies;
        if (probes != null) {
            probes.close();
        }
        api.health().enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException interrupted) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            executor.shutdownNow();
        }
    }
}
