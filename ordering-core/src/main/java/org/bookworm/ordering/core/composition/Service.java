package org.bookworm.ordering.core.composition;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The four services of the domain page. A process runs any non-empty subset of them ({@code ordering serve
 * --services}, issue 15): their gRPC services and their background work (subscriptions, pollers); what it calls of a
 * service that runs elsewhere goes through that service's ports, handed to {@link ServiceGraph} as remote clients.
 */
public enum Service {
    ORDERING,
    BASKET,
    FINANCE,
    NOTIFICATION;

    /** All four, the default of a single process. */
    public static final Set<Service> ALL = Set.copyOf(EnumSet.allOf(Service.class));

    /** The service's name as an operator writes it: {@code ordering}, {@code basket}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * A comma-separated list of names ({@code ordering,basket}), any order, no repeats needed.
     *
     * @throws IllegalArgumentException naming the first unknown name and the known ones, or when the list is empty
     */
    public static Set<Service> parseList(String names) {
        var services = EnumSet.noneOf(Service.class);
        for (String name : names.split(",", -1)) {
            services.add(parse(name.strip()));
        }
        return Set.copyOf(services);
    }

    private static Service parse(String name) {
        return Arrays.stream(values())
                .filter(service -> service.label().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + name + "': the services are "
                        + Arrays.stream(values()).map(Service::label).collect(Collectors.joining(", "))));
    }
}
