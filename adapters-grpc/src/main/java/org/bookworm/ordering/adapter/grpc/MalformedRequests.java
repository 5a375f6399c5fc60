package org.bookworm.ordering.adapter.grpc;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A request body that is not valid protobuf (truncated, invalid UTF-8 in a string field, nested past protobuf's
 * recursion limit) is INVALID_ARGUMENT naming what is wrong, and the method never sees it. Without this grpc-java
 * parses the body where no interceptor can catch the failure, answers UNKNOWN "Application error processing RPC"
 * and logs a stack trace per call (issue 11.6). Each method's request marshaller is wrapped so that parsing cannot
 * throw: it yields a {@link Parsed} value, and the call closes on a {@link Parsed.Malformed} one.
 */
final class MalformedRequests {
    private MalformedRequests() {}

    /** The outcome of parsing one request body. */
    sealed interface Parsed<Q> {
        record Ok<Q>(Q request) implements Parsed<Q> {}

        record Malformed<Q>(String reason) implements Parsed<Q> {}
    }

    /** The same service, whose methods answer INVALID_ARGUMENT for a body that does not parse. */
    static ServerServiceDefinition refusedIn(ServerServiceDefinition service) {
        var original = service.getServiceDescriptor();
        var descriptor =
                ServiceDescriptor.newBuilder(original.getName()).setSchemaDescriptor(original.getSchemaDescriptor());
        List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            var guarded = guarded(method);
            descriptor.addMethod(guarded.getMethodDescriptor());
            methods.add(guarded);
        }
        var builder = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(method -> add(builder, method));
        return builder.build();
    }

    private static <Q, A> void add(ServerServiceDefinition.Builder builder, ServerMethodDefinition<Q, A> method) {
        builder.addMethod(method);
    }

    private static <Q, A> ServerMethodDefinition<Parsed<Q>, A> guarded(ServerMethodDefinition<Q, A> method) {
        MethodDescriptor<Q, A> original = method.getMethodDescriptor();
        MethodDescriptor<Parsed<Q>, A> lenient = original.toBuilder(
                        new Lenient<>(original), original.getResponseMarshaller())
                .build();
        return ServerMethodDefinition.create(lenient, new Handler<>(original, method.getServerCallHandler()));
    }

    /** Parses as the method's own marshaller does, but answers a failure as a value. */
    private record Lenient<Q>(MethodDescriptor<Q, ?> method) implements MethodDescriptor.Marshaller<Parsed<Q>> {
        @Override
        public InputStream stream(Parsed<Q> value) {
            if (value instanceof Parsed.Ok<Q> ok) {
                return method.streamRequest(ok.request());
            }
            throw new IllegalStateException("a malformed request is never sent");
        }

        @Override
        public Parsed<Q> parse(InputStream body) {
            try {
                return new Parsed.Ok<>(method.parseRequest(body));
            } catch (RuntimeException malformed) {
                // grpc-protobuf wraps protobuf's InvalidProtocolBufferException, whose message says what is wrong
                Throwable cause = malformed.getCause() != null ? malformed.getCause() : malformed;
                return new Parsed.Malformed<>("the " + method.getBareMethodName()
                        + " request is not a valid protobuf message: " + cause.getMessage());
            }
        }
    }

    /** Starts the method on the parsed requests; closes the call at the first body that did not parse. */
    private record Handler<Q, A>(MethodDescriptor<Q, A> original, ServerCallHandler<Q, A> next)
            implements ServerCallHandler<Parsed<Q>, A> {
        @Override
        public ServerCall.Listener<Parsed<Q>> startCall(ServerCall<Parsed<Q>, A> call, Metadata headers) {
            return new Guard<>(call, next.startCall(new ParsedCall<>(call, original), headers));
        }
    }

    private static final class Guard<Q> extends ServerCall.Listener<Parsed<Q>> {
        private final ServerCall<Parsed<Q>, ?> call;
        private final ServerCall.Listener<Q> next;
        // listener callbacks of one call never run at the same time
        private boolean refused;

        Guard(ServerCall<Parsed<Q>, ?> call, ServerCall.Listener<Q> next) {
            this.call = call;
            this.next = next;
        }

        @Override
        public void onMessage(Parsed<Q> message) {
            if (refused) {
                return;
            }
            switch (message) {
                case Parsed.Ok<Q> ok -> next.onMessage(ok.request());
                case Parsed.Malformed<Q> malformed -> {
                    refused = true;
                    call.close(Status.INVALID_ARGUMENT.withDescription(malformed.reason()), new Metadata());
                }
            }
        }

        @Override
        public void onHalfClose() {
            if (!refused) {
                next.onHalfClose();
            }
        }

        @Override
        public void onReady() {
            if (!refused) {
                next.onReady();
            }
        }

        @Override
        public void onCancel() {
            next.onCancel();
        }

        @Override
        public void onComplete() {
            next.onComplete();
        }
    }
}
