package org.bookworm.ordering.cli;

import java.util.Objects;
import java.util.Set;
import org.bookworm.ordering.adapter.grpc.ServiceToken;
import org.bookworm.ordering.core.composition.Service;
import org.jspecify.annotations.Nullable;

/**
 * Which services a process runs (issue 15, ADR 0031): {@code services}, their background work only when {@code
 * background} (false: a second replica until partition leases land), the deployment's service token for the internal
 * RPCs, and where the services it does not run answer ({@code gateway}, {@code host:port}).
 */
record Split(
        Set<Service> services,
        boolean background,
        @Nullable ServiceToken token,
        @Nullable String gateway) {
    /** All four services and their background work in one process, without internal RPCs: {@code serve} as ever. */
    static final Split ALL_IN_ONE = new Split(Service.ALL, true, null, null);

    Split {
        services = Set.copyOf(services);
        if (services.isEmpty()) {
            throw new IllegalArgumentException("--services names at least one service");
        }
        if (!services.equals(Service.ALL) && token == null) {
            throw new IllegalArgumentException(
                    "--services without all four needs --service-token-file: the processes call each other with it");
        }
        if (callsElsewhere(services) && gateway == null) {
            throw new IllegalArgumentException("--services without basket or notification, or with ordering but without"
                    + " finance, needs --gateway host:port: the processes that run them answer there");
        }
    }

    /**
     * True when a process of {@code services} calls a port of a service it does not run: Basket's and Notification's
     * (Ordering's checkout and reactors, Finance's saga), Finance's payment authorizations (Ordering's modifications).
     */
    static boolean callsElsewhere(Set<Service> services) {
        return !(services.contains(Service.BASKET) && services.contains(Service.NOTIFICATION))
                || services.contains(Service.ORDERING) && !services.contains(Service.FINANCE);
    }

    boolean runs(Service service) {
        return services.contains(service);
    }

    /** True when this process follows the service's subscriptions and pollers. */
    boolean runsBackgroundOf(Service service) {
        return background && runs(service);
    }

    ServiceToken requireToken() {
        return Objects.requireNonNull(token, "service token");
    }
}
