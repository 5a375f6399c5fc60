package org.bookworm.ordering.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.bookworm.ordering.adapter.grpc.DependencyHealth;
import org.bookworm.ordering.adapter.grpc.GrpcServer;
import org.bookworm.ordering.adapter.grpc.JwtVerifier;
import org.bookworm.ordering.adapter.grpc.OrderingApi;
import org.bookworm.ordering.adapter.grpc.RateLimits;
import org.bookworm.ordering.adapter.grpc.ServiceToken;
import org.bookworm.ordering.core.eventsourcing.LeaseKeeper;
import org.bookworm.ordering.core.finance.CheckoutTimeouts;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ordering serve}: the gRPC API of all four services in one process. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serve the public gRPC API: on an embedded, durable PostgreSQL in --data-dir by default.")
final class ServeCommand implements Callable<Integer> {
    private static final Duration HEALTH_PROBE_INTERVAL = Duration.ofSeconds(1);
    private final Wiring wiring;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--in-memory", description = "Run on the in-memory adapters.")
    boolean inMemory;

    @Option(
            names = "--postgres-url",
            defaultValue = "${env:ORDERING_POSTGRES_URL}",
            description = "External PostgreSQL (jdbc:postgresql://...); default: embedded in --data-dir.")
    @Nullable
    String postgresUrl;

    @Option(
            names = "--redis-url",
            defaultValue = "${env:ORDERING_REDIS_URL}",
            description = "Redis for baskets and caches (redis://...); default: in process.")
    @Nullable
    String redisUrl;

    @Option(
            names = "--redis-key-prefix",
            defaultValue = "${env:ORDERING_REDIS_KEY_PREFIX:-bookworm:}",
            description = "Prefix of every Redis key.")
    String redisKeyPrefix = "bookworm:";

    @Option(
            names = "--smtp",
            defaultValue = "${env:ORDERING_SMTP}",
            description = "Send e-mails through this plain SMTP server (host:port); default: log them.")
    @Nullable
    String smtp;

    @Option(names = "--smtp-from", defaultValue = "${env:ORDERING_SMTP_FROM:-orders@bookworm.local}")
    String smtpFrom = "orders@bookworm.local";

    @CommandLine.Mixin
    MailOptions mail = new MailOptions();

    @CommandLine.Mixin
    TelemetryOptions observe = new TelemetryOptions();

    @Option(names = "--host", defaultValue = "${env:ORDERING_HOST:-127.0.0.1}", description = "Address to bind.")
    String host = "127.0.0.1";

    @Option(names = "--port", defaultValue = "${env:ORDERING_PORT:-50051}", description = "Port (0: any free).")
    int port;

    @Option(names = "--data-dir", defaultValue = "${env:ORDERING_DATA_DIR:-data}", description = "Local data.")
    Path dataDir = Path.of("data");

    @Option(names = "--jwks-file", defaultValue = "${env:ORDERING_JWKS_FILE}", description = "Trusted JWKS file.")
    @Nullable
    Path jwksFile;

    @Option(names = "--jwks-url", defaultValue = "${env:ORDERING_JWKS_URL}", description = "Trusted JWKS URL.")
    @Nullable
    String jwksUrl;

    @Option(names = "--issuer", defaultValue = "${env:ORDERING_JWT_ISSUER:-" + DevKeys.ISSUER + "}")
    String issuer = DevKeys.ISSUER;

    @Option(names = "--audience", defaultValue = "${env:ORDERING_JWT_AUDIENCE:-" + DevKeys.AUDIENCE + "}")
    String audience = DevKeys.AUDIENCE;

    @Option(names = "--tls-cert", defaultValue = "${env:ORDERING_TLS_CERT}", description = "PEM certificate chain.")
    @Nullable
    Path tlsCert;

    @Option(names = "--tls-key", defaultValue = "${env:ORDERING_TLS_KEY}", description = "PEM private key.")
    @Nullable
    Path tlsKey;

    @Option(
            names = "--rate-limit",
            defaultValue = "${env:ORDERING_RATE_LIMIT:-50}",
            description = "Calls a second per caller and group; checkouts a tenth, the server 100 times it.")
    long rateLimit;

    @Option(
            names = "--rate-limits",
            defaultValue = "${env:ORDERING_RATE_LIMITS}",
            description = "Per caller and group, or for the server: GROUP=CAPACITY/PERIOD[,...], GROUP one of read,"
                    + " write, checkout, admin, server; e.g. write=20/1s,checkout=5/10s. Overrides --rate-limit.")
    @Nullable
    String rateLimits;

    @Option(
            names = "--checkout-step-timeout",
            defaultValue = "${env:ORDERING_CHECKOUT_STEP_TIMEOUT:-30s}",
            description = "How long a checkout waits on a step (reservation, payment) before asking again: 100ms to"
                    + " 24h, e.g. 500ms, 30s, 2m (default: ${DEFAULT-VALUE}).")
    String checkoutStepTimeout = "30s";

    @Option(
            names = "--checkout-attempts",
            defaultValue = "${env:ORDERING_CHECKOUT_ATTEMPTS:-3}",
            description = "How many times a checkout step is asked before the order fails as timed out: 1 to 100"
                    + " (default: ${DEFAULT-VALUE}).")
    int checkoutAttempts = 3;

    @Option(
            names = "--reactor-lanes",
            defaultValue = "${env:ORDERING_REACTOR_LANES:-16}",
            description = "How many orders each background reactor (checkout saga, notifications, basket clearing)"
                    + " handles at once: 1 to 64 (default: ${DEFAULT-VALUE}). With --postgres-url or the embedded"
                    + " database; more lanes confirm checkouts faster until PostgreSQL's pool is the limit.")
    int reactorLanes = PostgresStack.DEFAULT_LANES;

    @Option(
            names = "--services",
            defaultValue = "${env:ORDERING_SERVICES:-ordering,basket,finance,notification}",
            description = "The services this process runs, comma-separated: ordering, basket, finance, notification"
                    + " (default: all four). With fewer, give --service-token-file, and --gateway unless basket and"
                    + " notification are among them and, with ordering, finance.")
    String services = "ordering,basket,finance,notification";

    @Option(
            names = "--background",
            defaultValue = "${env:ORDERING_BACKGROUND:-all}",
            description = "all: follow the subscriptions (over the partitions this process leases) and run the"
                    + " pollers of the services served; none: serve calls only (ADR 0034).")
    String background = "all";

    @Option(
            names = "--partitions",
            defaultValue = "${env:ORDERING_PARTITIONS}",
            description = "How many partitions each subscription is split into by order, spread over the processes"
                    + " that run it: 1 to 256. Unset (the default): the count recorded for each subscription, or "
                    + LeaseKeeper.Settings.NEW_PARTITIONS + " for one with none, as in a new database. Given: recorded"
                    + " by the first process, and every process of the database must give the same number or leave"
                    + " it out, or it refuses to start. A process runs the partitions it holds in one pass, so more"
                    + " of them cost it no more than one (ADR 0034).")
    @Nullable
    Integer partitions;

    @Option(
            names = "--lease-duration",
            defaultValue = "${env:ORDERING_LEASE_DURATION:-10s}",
            description = "How long a partition's lease lasts unless renewed (every third of it): a dead process's"
                    + " partitions move to the others within this plus a third; 300ms to 10m, e.g. 2s, 10s"
                    + " (default: ${DEFAULT-VALUE}).")
    String leaseDuration = "10s";

    @Option(
            names = "--service-token-file",
            defaultValue = "${env:ORDERING_SERVICE_TOKEN_FILE}",
            description = "The secret the processes of one deployment share for their internal calls.")
    @Nullable
    Path serviceTokenFile;

    @Option(
            names = "--gateway",
            defaultValue = "${env:ORDERING_GATEWAY}",
            description = "host:port where the services this process does not run answer (the nginx gateway).")
    @Nullable
    String gateway;

    ServeCommand(Wiring wiring) {
        this.wiring = wiring;
    }

    @Override
    public Integer call() throws Exception {
        var settings = validated();
        var split = split();
        var timeouts = checkoutTimeouts();
        var limits =
                new OrderingApi.Limits(Duration.ofSeconds(30), Duration.ofHours(1), rates(), Duration.ofMillis(200));
        var verifier = verifier();
        observe.format().apply();
        if (inMemory) {
            serveInMemory(verifier, limits, settings, timeouts);
        } else {
            serveOnPostgres(verifier, limits, settings, timeouts, split);
        }
        return ExitCodes.DONE;
    }

    /** Every setting checked before anything starts: a mistake costs one line on stderr, not a half-started server. */
    private GrpcServer.Settings validated() {
        if (inMemory && (postgresUrl != null || redisUrl != null || smtp != null)) {
            throw new IllegalArgumentException("--in-memory runs without --postgres-url, --redis-url and --smtp");
        }
        observe.settings(System.getenv());
        observe.format();
        if (inMemory && observe.asked()) {
            throw new IllegalArgumentException("--in-memory runs without --metrics-port and --otlp-endpoint");
        }
        if (tlsCert == null && !isLoopback(host)) {
            // plaintext carries bearer tokens in the clear: only where nothing leaves the machine
            throw new IllegalArgumentException("--host " + host + " is not loopback: give --tls-cert and --tls-key");
        }
        var settings = new GrpcServer.Settings(host, port, 16, 48, tlsCert, tlsKey);
        // before anything starts: the stack's options check it again when they are made
        PostgresStack.requireLanes(reactorLanes);
        leasing();
        if (redisUrl != null) {
            Wiring.redisConfig(redisUrl, redisKeyPrefix);
        }
        Wiring.mailer(smtp, smtpFrom, mail.fromName);
        mail.settings();
        EmbeddedDatabase.requireWritable(dataDir);
        requirePortFree();
        return settings;
    }

    private void serveInMemory(
            JwtVerifier verifier, OrderingApi.Limits limits, GrpcServer.Settings settings, CheckoutTimeouts timeouts)
            throws InterruptedException {
        var out = spec.commandLine().getOut();
        try (var stack = wiring.inMemory(timeouts);
                var server = wiring.startServer(stack, verifier, limits, settings)) {
            out.printf(
                    "BookWorm Orders (in memory: data is lost at exit) serving gRPC on %s:%d%n", host, server.port());
            printHowTo(out);
            wiring.serveUntilStopped(server, out);
        }
    }

    @SuppressWarnings("try") // the OrderlyExit is there to be closed last, not to be referenced
    private void serveOnPostgres(
            JwtVerifier verifier,
            OrderingApi.Limits limits,
            GrpcServer.Settings settings,
            CheckoutTimeouts timeouts,
            Split split)
            throws InterruptedException {
        var out = spec.commandLine().getOut();
        var redis = redisUrl == null ? null : Wiring.redisConfig(redisUrl, redisKeyPrefix);
        // the embedded default and an external server share everything from the JDBC URL on
        try (var exit = new OrderlyExit();
                var embedded = postgresUrl == null
                        ? wiring.embeddedDatabase(dataDir, EmbeddedDatabase.OnExit.LEFT_TO_CALLER)
                        : null;
                var telemetry = wiring.telemetry(observe.settings(System.getenv()));
                var stack = wiring.postgres(
                        embedded != null ? embedded.jdbcUrl() : postgresUrl,
                        redis,
                        Wiring.mailer(smtp, smtpFrom, mail.fromName),
                        new PostgresStack.Options(
                                        mail.settings(), timeouts, PostgresStack.Decorators.NONE, reactorLanes)
                                .withTelemetry(telemetry)
                                .withLeasing(leasing()),
                        split);
                var server = wiring.startServer(stack, verifier, limits, settings)
                        .probing(dependencies(stack), HEALTH_PROBE_INTERVAL)) {
            out.printf("BookWorm Orders serving gRPC on %s:%d%n", host, server.port());
            out.printf(
                    "PostgreSQL:    %s%n",
                    embedded != null ? "embedded, durable, in " + embedded.cluster() : Wiring.redacted(postgresUrl));
            out.printf("Baskets:       %s%n", redis != null ? "Redis" : "in process (lost at exit)");
            out.printf("E-mails:       %s%n", smtp != null ? "SMTP " + smtp : "logged, not sent");
            out.printf("               %s%n", mail.describe());
            out.printf("Data dir:      %s%n", dataDir.toAbsolutePath());
            out.printf("Services:      %s%n", describe(split));
            out.printf("Observability: %s%n", telemetry.describe().replace("<bind>", observe.metricsBind));
            printHowTo(out);
            wiring.serveUntilStopped(server, out);
        }
    }

    /** {@code --partitions} and {@code --lease-duration}; a bad one is a usage error of one line naming the flag. */
    LeaseKeeper.Settings leasing() {
        try {
            return new LeaseKeeper.Settings(
                    partitions == null ? OptionalInt.empty() : OptionalInt.of(partitions),
                    Wiring.parseDuration(leaseDuration));
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException((partitions == null ? "" : "--partitions " + partitions + ", ")
                    + "--lease-duration " + leaseDuration + ": " + bad.getMessage());
        }
    }

    /** The {@code --services} flags as one value; a bad one is a usage error of one line naming the flag. */
    Split split() {
        java.util.Set<org.bookworm.ordering.core.composition.Service> served;
        try {
            served = org.bookworm.ordering.core.composition.Service.parseList(services);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("--services: " + unknown.getMessage());
        }
        if (!background.equals("all") && !background.equals("none")) {
            throw new IllegalArgumentException("--background is all or none, not '" + background + "'");
        }
        var all = served.equals(org.bookworm.ordering.core.composition.Service.ALL);
        if (inMemory && (!all || !background.equals("all"))) {
            throw new IllegalArgumentException("--in-memory runs all four services and their background work");
        }
        if (!all && (postgresUrl == null || redisUrl == null)) {
            // the processes share the log, the stores and the baskets: one database and one Redis for all
            throw new IllegalArgumentException("--services without all four needs --postgres-url and --redis-url");
        }
        var token = serviceTokenFile == null ? null : ServiceToken.fromFile(serviceTokenFile);
        return new Split(served, background.equals("all"), token, gateway);
    }

    private static String describe(Split split) {
        var names = split.services().stream()
                .sorted()
                .map(org.bookworm.ordering.core.composition.Service::label)
                .toList();
        return String.join(",", names) + (split.background() ? "" : " (no background work: --background none)");
    }

    private RateLimits rates() {
        var rates = RateLimits.perSecond(rateLimit);
        try {
            return rateLimits == null ? rates : rates.with(rateLimits);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("--rate-limits: " + malformed.getMessage());
        }
    }

    /** PostgreSQL and Redis from the stack, and the SMTP server when e-mails are sent. */
    private List<DependencyHealth.Dependency> dependencies(PostgresStack stack) {
        var dependencies = new ArrayList<>(stack.dependencies());
        if (smtp != null) {
            dependencies.add(new DependencyHealth.Dependency("smtp", SmtpProbe.of(smtp), false));
        }
        return dependencies;
    }

    /** The checkout flags as one value; a bad one is a usage error naming the flag. */
    CheckoutTimeouts checkoutTimeouts() {
        java.time.Duration step;
        try {
            step = Wiring.parseDuration(checkoutStepTimeout);
        } catch (IllegalArgumentException malformed) {
            throw new IllegalArgumentException("--checkout-step-timeout: " + malformed.getMessage());
        }
        if (step.compareTo(CheckoutTimeouts.MIN_STEP) < 0 || step.compareTo(CheckoutTimeouts.MAX_STEP) > 0) {
            throw new IllegalArgumentException(
                    "--checkout-step-timeout is between 100ms and 24h, not '" + checkoutStepTimeout + "'");
        }
        if (checkoutAttempts < 1 || checkoutAttempts > CheckoutTimeouts.MAX_ATTEMPTS) {
            throw new IllegalArgumentException("--checkout-attempts is between 1 and 100, not " + checkoutAttempts);
        }
        return new CheckoutTimeouts(step, checkoutAttempts);
    }

    private void printHowTo(java.io.PrintWriter out) {
        GettingStarted.lines(
                        GettingStarted.launcher(),
                        dataDir,
                        ProcessHandle.current().pid())
                .forEach(out::println);
        out.flush();
    }

    private void requirePortFree() {
        if (port == 0) {
            return;
        }
        try (var probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (java.io.IOException taken) {
            throw new java.io.UncheckedIOException("port " + port + " on " + host + " is in use", taken);
        }
    }

    private static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException unknown) {
            throw new IllegalArgumentException("--host " + host + " is not a known address");
        }
    }

    private JwtVerifier verifier() {
        if (jwksFile != null && jwksUrl != null) {
            throw new IllegalArgumentException("give --jwks-file or --jwks-url, not both");
        }
        if (jwksUrl != null) {
            try {
                return JwtVerifier.fromUrl(new URI(jwksUrl).toURL(), issuer, audience);
            } catch (URISyntaxException | java.net.MalformedURLException | IllegalArgumentException malformed) {
                throw new IllegalArgumentException("--jwks-url '" + jwksUrl + "' is not a URL");
            }
        }
        // development: trust the key that `ordering token mint` signs with
        Path trusted = jwksFile != null ? jwksFile : wiring.devKeys(dataDir).jwks();
        return JwtVerifier.fromFile(trusted, issuer, audience);
    }
}
