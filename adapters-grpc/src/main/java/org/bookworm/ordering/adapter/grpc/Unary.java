package org.bookworm.ordering.adapter.grpc;

import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** The one place where a call's failure becomes a status: every unary RPC answers through {@link #respond}. */
final class Unary {
    private Unary() {}

    static <T> void respond(StreamObserver<T> responses, Supplier<T> call) {
        T response;
        try {
            response = call.get();
        } catch (RuntimeException failure) {
            responses.onError(Errors.asException(failure));
            return;
        }
        responses.onNext(response);
        responses.onCompleted();
    }
}
