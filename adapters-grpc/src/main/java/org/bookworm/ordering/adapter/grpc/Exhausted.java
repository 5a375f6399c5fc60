package org.bookworm.ordering.adapter.grpc;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;

/**
 * The one shape of "not now": {@code RESOURCE_EXHAUSTED} with a message a person can read and a {@code
 * google.rpc.RetryInfo} detail that says, to the millisecond, when a client may try again. Both the admission limit
 * ({@link Admission}) and the rate limits ({@link RateLimitInterceptor}) answer with it.
 */
final class Exhausted {
    private Exhausted() {}

    static StatusRuntimeException retryAfter(String message, Duration delay) {
        var retry = RetryInfo.newBuilder()
                .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(delay.toSeconds())
                        .setNanos(delay.toNanosPart()))
                .build();
        var status = com.google.rpc.Status.newBuilder()
                .setCode(Code.RESOURCE_EXHAUSTED_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(retry))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    /** Closes {@code call} with the refusal and answers a listener that ignores whatever the client still sends. */
    static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, StatusRuntimeException refusal) {
        Metadata trailers = refusal.getTrailers();
        call.close(refusal.getStatus(), trailers == null ? new Metadata() : trailers);
        return new ServerCall.Listener<>() {};
    }
}
