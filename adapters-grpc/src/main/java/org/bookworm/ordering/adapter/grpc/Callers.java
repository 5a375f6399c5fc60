package org.bookworm.ordering.adapter.grpc;

import io.grpc.Context;
import io.grpc.Status;
import org.bookworm.ordering.core.common.Caller;

/** The authenticated caller of the current call, put in the gRPC {@link Context} by {@link AuthInterceptor}. */
final class Callers {
    static final Context.Key<Caller> KEY = Context.key("bookworm-caller");

    private Callers() {}

    static Caller current() {
        Caller caller = KEY.get();
        if (caller == null) {
            // only reachable if a method was wrongly marked anonymous in the policy table
            throw Status.UNAUTHENTICATED.asRuntimeException();
        }
        return caller;
    }
}
