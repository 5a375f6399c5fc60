package org.bookworm.ordering.adapter.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderAsOfRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderHistoryRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetOrderRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;

/**
 * A small client of a running server for the CLI: reads an order, its history or its state at an instant, answered
 * as JSON (proto types stay in this module). Failures are {@link Failed}, sorted into what a person can do about
 * them.
 */
public final class OrderingClient implements AutoCloseable {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private final ManagedChannel channel;
    private final OrderingServiceGrpc.OrderingServiceBlockingStub orders;

    /** Plaintext: for loopback and development servers. */
    public OrderingClient(String host, int port, String token) {
        this.channel = Grpc.newChannelBuilderForAddress(host, port, InsecureChannelCredentials.create())
                .build();
        var headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        this.orders = OrderingServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    public String order(String orderId) {
        return call(() ->
                stub().getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build()));
    }

    public String history(String orderId) {
        return call(() -> stub().getOrderHistory(
                        GetOrderHistoryRequest.newBuilder().setOrderId(orderId).build()));
    }

    public String orderAsOf(String orderId, Instant at) {
        return call(() -> stub().getOrderAsOf(GetOrderAsOfRequest.newBuilder()
                .setOrderId(orderId)
                .setAt(Replies.timestamp(at))
                .build()));
    }

    private OrderingServiceGrpc.OrderingServiceBlockingStub stub() {
        return orders.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String call(Supplier<MessageOrBuilder> call) {
        try {
            return JsonFormat.printer().print(call.get());
        } catch (StatusRuntimeException failure) {
            throw Failed.of(failure);
        } catch (InvalidProtocolBufferException unprintable) {
            throw new IllegalStateException("cannot print the answer as JSON", unprintable);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }

    /** A call the server refused or could not answer. */
    public static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Kind kind;

        /** What the person can do: fix the request, accept the refusal, retry now, or retry later. */
        public enum Kind {
            INVALID,
            REFUSED,
            CONFLICT,
            UNAVAILABLE
        }

        Failed(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }

        static Failed of(StatusRuntimeException failure) {
            var status = failure.getStatus();
            var kind = switch (status.getCode()) {
                case INVALID_ARGUMENT, OUT_OF_RANGE -> Kind.INVALID;
                case ABORTED, RESOURCE_EXHAUSTED -> Kind.CONFLICT;
                case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, INTERNAL, UNKNOWN, DATA_LOSS, UNIMPLEMENTED ->
                    Kind.UNAVAILABLE;
                case NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION, PERMISSION_DENIED, UNAUTHENTICATED, OK ->
                    Kind.REFUSED;
            };
            String detail = status.getDescription() == null ? "" : ": " + status.getDescription();
            return new Failed(kind, status.getCode() + detail);
        }
    }
}
