package org.bookworm.ordering.adapter.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.lang.System.Logger.Level;
import org.bookworm.ordering.core.app.Caller;

/**
 * Applies {@link AccessPolicy} to every call: no policy is PERMISSION_DENIED; a missing or invalid bearer token is
 * UNAUTHENTICATED with no detail; a user on an admin method is PERMISSION_DENIED. The verified {@link Caller} goes
 * into the call's {@link Context} ({@link Callers#current()}).
 */
final class AuthInterceptor implements ServerInterceptor {
    private static final System.Logger LOG = System.getLogger(AuthInterceptor.class.getName());
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private final JwtVerifier verifier;

    AuthInterceptor(JwtVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        var access = AccessPolicy.of(call.getMethodDescriptor().getFullMethodName());
        if (access.isEmpty()) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription("this method is not open to anyone"));
        }
        if (access.get() == AccessPolicy.Access.ANONYMOUS) {
            return next.startCall(call, headers);
        }
        Caller caller;
        try {
            caller = verifier.verify(bearer(headers));
        } catch (JwtVerifier.InvalidToken invalid) {
            LOG.log(Level.DEBUG, "refused a token: {0}", invalid.getMessage());
            return refuse(call, Status.UNAUTHENTICATED);
        }
        if (access.get() == AccessPolicy.Access.ADMIN && !caller.isAdmin()) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription("this method is for admins"));
        }
        return Contexts.interceptCall(Context.current().withValue(Callers.KEY, caller), call, headers, next);
    }

    private static String bearer(Metadata headers) {
        String header = headers.get(AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new JwtVerifier.InvalidToken("no bearer token");
        }
        return header.substring(BEARER.length()).trim();
    }

    static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {};
    }
}
