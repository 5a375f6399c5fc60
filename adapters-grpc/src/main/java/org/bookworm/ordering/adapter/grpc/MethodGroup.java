package org.bookworm.ordering.adapter.grpc;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.OrderingServiceGrpc;

/**
 * The groups of methods that rate limits tell apart: what only admins may call; PlaceOrder, which starts a checkout
 * (stock, payment, e-mail); reads (Get, List, Watch, and the anonymous health and reflection); and the other writes.
 * {@code MethodGroupTest} puts every served method in one.
 */
public enum MethodGroup {
    READ,
    WRITE,
    CHECKOUT,
    ADMIN;

    private static final String CHECKOUT_METHOD =
            OrderingServiceGrpc.getPlaceOrderMethod().getFullMethodName();

    /** The group of a full method name ({@code package.Service/Method}); a method with no policy counts as a write. */
    static MethodGroup of(String fullMethodName) {
        var access = AccessPolicy.of(fullMethodName);
        if (access.isPresent() && access.get() == AccessPolicy.Access.ADMIN) {
            return ADMIN;
        }
        if (fullMethodName.equals(CHECKOUT_METHOD)) {
            return CHECKOUT;
        }
        String method = fullMethodName.substring(fullMethodName.lastIndexOf('/') + 1);
        boolean reads = method.startsWith("Get") || method.startsWith("List") || method.startsWith("Watch");
        if (reads || (access.isPresent() && access.get() == AccessPolicy.Access.ANONYMOUS)) {
            return READ;
        }
        return WRITE;
    }

    /** The name used on the command line: read, write, checkout, admin. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<MethodGroup> byLabel(String label) {
        return Arrays.stream(values())
                .filter(group -> group.label().equals(label))
                .findFirst();
    }

    static String labels() {
        return Arrays.stream(values()).map(MethodGroup::label).collect(Collectors.joining(", "));
    }
}
