package org.bookworm.ordering.adapter.grpc;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.BasketCheckoutServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.BookCatalogServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.InventoryServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.finance.v1.PaymentAuthorizationServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.notification.v1.EmailRequestServiceGrpc;
import org.bookworm.ordering.core.basket.BasketCheckouts;
import org.bookworm.ordering.core.basket.Catalog;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.finance.PaymentAuthorizations;
import org.bookworm.ordering.core.notification.EmailRequests;

/**
 * A connection from one process of the deployment to the services it does not run (ADR 0031): every call carries the
 * {@link ServiceToken}; the channel retries a call that ended UNAVAILABLE (up to {@value #MAX_ATTEMPTS} attempts,
 * with backoff) only for the internal services whose every method is idempotent ({@link #IDEMPOTENT_SERVICES}).
 * Calls whose outcome is unknown (DEADLINE_EXCEEDED) are not retried here: the port answers its transient failure and
 * the caller (a held lane, ADR 0014) tries again.
 */
public final class ServiceChannel implements AutoCloseable {
    static final int MAX_ATTEMPTS = 3;

    /** Internal services every method of which may be sent twice with the same effect. */
    static final List<String> IDEMPOTENT_SERVICES = List.of(
            InventoryServiceGrpc.SERVICE_NAME,
            BasketCheckoutServiceGrpc.SERVICE_NAME,
            BookCatalogServiceGrpc.SERVICE_NAME,
            EmailRequestServiceGrpc.SERVICE_NAME,
            PaymentAuthorizationServiceGrpc.SERVICE_NAME);

    private final ManagedChannel managed;
    private final Channel channel;

    ServiceChannel(ManagedChannel managed, ServiceToken token) {
        this.managed = managed;
        var headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), token.header());
        this.channel = ClientInterceptors.intercept(managed, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** A plaintext channel to {@code host:port} (the gateway, or a process directly), on loopback or a private net. */
    public static ServiceChannel to(String target, ServiceToken token) {
        var managed = ManagedChannelBuilder.forTarget(target)
                .usePlaintext()
                .defaultServiceConfig(retryConfig())
                .enableRetry()
                .maxRetryAttempts(MAX_ATTEMPTS)
                .build();
        return new ServiceChannel(managed, token);
    }

    /** Over any channel (in-process in tests), with the same retries when the builder enabled them. */
    static ServiceChannel over(ManagedChannel managed, ServiceToken token) {
        return new ServiceChannel(managed, token);
    }

    static Map<String, Object> retryConfig() {
        var names = IDEMPOTENT_SERVICES.stream()
                .map(service -> Map.<String, Object>of("service", service))
                .toList();
        Map<String, Object> retry = Map.of(
                "maxAttempts",
                (double) MAX_ATTEMPTS,
                "initialBackoff",
                "0.05s",
                "maxBackoff",
                "0.5s",
                "backoffMultiplier",
                2.0,
                "retryableStatusCodes",
                List.of("UNAVAILABLE"));
        return Map.of("methodConfig", List.of(Map.of("name", names, "retryPolicy", retry)));
    }

    /** Basket's checkout calls, each bounded by {@code deadline}. */
    public BasketCheckouts basketCheckouts(Duration deadline) {
        return new GrpcBasketCheckouts(channel, deadline);
    }

    /** Basket's catalog, each call bounded by {@code deadline}. */
    public Catalog catalog(Duration deadline) {
        return new GrpcCatalog(channel, deadline);
    }

    /** Notification's e-mail requests, each bounded by {@code deadline}. */
    public EmailRequests emailRequests(Duration deadline) {
        return new GrpcEmailRequests(channel, deadline);
    }

    /** Finance's payment authorizations, each bounded by {@code deadline}. */
    public PaymentAuthorizations paymentAuthorizations(Duration deadline) {
        return new GrpcPaymentAuthorizations(channel, deadline);
    }

    /** Basket's inventory, each call bounded by {@code deadline}. */
    public Inventory inventory(Duration deadline) {
        return new GrpcInventory(channel, deadline);
    }

    @Override
    public void close() {
        managed.shutdownNow();
        try {
            managed.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
