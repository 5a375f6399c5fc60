package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts the status a call ends with. */
final class Statuses {
    private Statuses() {}

    static Status statusOf(ThrowingCallable call) {
        var failure = catchThrowableOfType(StatusRuntimeException.class, call);
        assertThat(failure).as("the call should have failed with a status").isNotNull();
        return failure.getStatus();
    }

    static Status assertCode(Status.Code expected, ThrowingCallable call) {
        var status = statusOf(call);
        assertThat(status.getCode()).as("status %s", status).isEqualTo(expected);
        return status;
    }
}
