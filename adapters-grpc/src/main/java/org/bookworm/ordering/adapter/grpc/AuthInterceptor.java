package org.bookworm.ordering.adapter.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.lang.System.Logger.Level;
import org.bookworm.ordering.core.common.Caller;
import org.jspecify.annotations.Nullable;

/**
 * Applies {@link AccessPolicy} to every call: no policy is PERMISSION_DENIED; a missing or invalid bearer token is
 * UNAUTHENTICATED with no detail, an authorization header over {@value #MAX_AUTHORIZATION_CHARS} characters is
 * UNAUTHENTICATED saying so; a valid token that grants no role is PERMISSION_DENIED on every method that needs a
 * token, and a user on an admin method is PERMISSION_DENIED (ADR 0016: roles decide, scopes are not checked). The
 * verified {@link Caller} goes into the call's {@link Context} ({@link Callers#current()}).
 */
final class AuthInterceptor implements ServerInterceptor {
    private static final System.Logger LOG = System.getLogger(AuthInterceptor.class.getName());
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";
    /** The largest authorization header read; a real bearer token is well under 2 KiB (ADR 0017). */
    static final int MAX_AUTHORIZATION_CHARS = 8 * 1024;

    private final JwtVerifier verifier;
    private final @Nullable ServiceToken serviceToken;

    AuthInterceptor(JwtVerifier verifier) {
        this(verifier, null);
    }

    /** With the deployment's service token; without one, every internal method is PERMISSION_DENIED. */
    AuthInterceptor(JwtVerifier verifier, @Nullable ServiceToken serviceToken) {
        this.verifier = verifier;
        this.serviceToken = serviceToken;
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
        String header = headers.get(AUTHORIZATION);
        if (header != null && header.length() > MAX_AUTHORIZATION_CHARS) {
            return refuse(
                    call,
                    Status.UNAUTHENTICATED.withDescription(
                            "the authorization header is longer than " + MAX_AUTHORIZATION_CHARS + " characters"));
        }
        if (access.get() == AccessPolicy.Access.SERVICE) {
            return service(call, headers, next, header);
        }
        Caller caller;
        try {
            caller = verifier.verify(bearer(header));
        } catch (JwtVerifier.InvalidToken invalid) {
            LOG.log(Level.DEBUG, "refused a token: {0}", invalid.getMessage());
            return refuse(call, Status.UNAUTHENTICATED);
        }
        if (caller.roles().isEmpty()) {
            // authenticated, but granted nothing: asking again with the same token cannot help
            return refuse(call, Status.PERMISSION_DENIED.withDescription("your token grants no role"));
        }
        if (access.get() == AccessPolicy.Access.ADMIN && !caller.isAdmin()) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription("this method is for admins"));
        }
        return Contexts.interceptCall(Context.current().withValue(Callers.KEY, caller), call, headers, next);
    }

    /** An internal method: the deployment's service token, or nothing (a user's or admin's token included). */
    private <Q, A> ServerCall.Listener<Q> service(
            ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next, @Nullable String header) {
        String presented;
        try {
            presented = bearer(header);
        } catch (JwtVerifier.InvalidToken missing) {
            return refuse(call, Status.UNAUTHENTICATED);
        }
        if (serviceToken == null || !serviceToken.matches(presented)) {
            return refuse(
                    call, Status.PERMISSION_DENIED.withDescription("this method is for the deployment's services"));
        }
        var caller = Caller.system("peer");
        return Contexts.interceptCall(Context.current().withValue(Callers.KEY, caller), call, headers, next);
    }

    private static String bearer(@Nullable String header) {
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
