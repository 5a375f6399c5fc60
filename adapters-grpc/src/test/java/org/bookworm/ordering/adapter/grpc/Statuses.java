package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts the status a call ends with. */
final class Statuses {
    private Statuses() {}

    static Status statusOf(ThrowingCallable call) {
        return failureOf(call).getStatus();
    }

    static StatusRuntimeException failureOf(ThrowingCallable call) {
        var failure = catchThrowableOfType(StatusRuntimeException.class, call);
        assertThat(failure).as("the call should have failed with a status").isNotNull();
        return failure;
    }

    /** The {@code google.rpc.RetryInfo} detail of a RESOURCE_EXHAUSTED failure, which must have one. */
    static RetryInfo retryInfoOf(StatusRuntimeException failure) {
        assertThat(failure.getStatus().getCode())
                .as("status %s", failure.getStatus())
                .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        var details = StatusProto.fromThrowable(failure);
        assertThat(details).as("rich status of %s", failure.getStatus()).isNotNull();
        try {
            for (Any detail : details.getDetailsList()) {
                if (detail.is(RetryInfo.class)) {
                    return detail.unpack(RetryInfo.class);
                }
            }
        } catch (InvalidProtocolBufferException unreadable) {
            throw new AssertionError("an unreadable RetryInfo", unreadable);
        }
        throw new AssertionError("no RetryInfo in " + failure.getStatus());
    }

    static long retryMillis(StatusRuntimeException failure) {
        var delay = retryInfoOf(failure).getRetryDelay();
        return delay.getSeconds() * 1_000 + delay.getNanos() / 1_000_000;
    }

    static Status assertCode(Status.Code expected, ThrowingCallable call) {
        var status = statusOf(call);
        assertThat(status.getCode()).as("status %s", status).isEqualTo(expected);
        return status;
    }
}
