package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bookworm.ordering.core.composition.Service;
import org.bookworm.ordering.core.inmemory.InMemoryInventory;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The gateway's routes ({@code deploy/nginx/routes.conf}) cannot drift from the protos or from what each process
 * serves: every gRPC service of a .proto file has exactly one route, every route names a real service, and each goes
 * to the upstream group of the service whose processes serve it.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class GatewayRoutesTest {
    private static final Path PROTOS = Path.of("src/main/proto");
    private static final Path NGINX = Path.of("../deploy/nginx");
    /** Served by grpc-java's own services in every process, not by our protos. */
    private static final Set<String> STANDARD = Set.of("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern SERVICE = Pattern.compile("(?m)^service\\s+(\\w+)\\s*\\{");
    private static final Pattern ROUTE = Pattern.compile("(?m)^location /([\\w.]+)/ \\{ grpc_pass grpc://(\\w+); \\}$");

    @Test
    void every_service_of_the_protos_has_one_route_and_every_route_a_service() {
        var routes = routes();
        var declared = protoServices();

        assertThat(declared).hasSizeGreaterThanOrEqualTo(8).contains("bookworm.internal.basket.v1.InventoryService");
        assertThat(routes.keySet()).as("routes in routes.conf").containsAll(declared);
        var known = new HashSet<>(declared);
        known.addAll(STANDARD);
        assertThat(known).as("services the routes name").containsAll(routes.keySet());
    }

    @Test
    void each_route_goes_to_the_group_whose_processes_serve_it() {
        var servedBy = new HashMap<String, Set<String>>();
        for (Service service : Service.values()) {
            try (var process = new InternalApi(Set.of(service), true, new InMemoryInventory())) {
                process.api
                        .definitions()
                        .forEach(definition -> servedBy.computeIfAbsent(
                                        definition.getServiceDescriptor().getName(), any -> new HashSet<>())
                                .add(service.label()));
            }
        }

        routes().forEach((route, upstream) -> {
            assertThat(servedBy).as("a process serves %s", route).containsKey(route);
            assertThat(servedBy.get(route))
                    .as("the processes of group %s serve %s", upstream, route)
                    .contains(upstream);
        });
    }

    @Test
    void the_template_defines_every_group_the_routes_use() throws IOException {
        String template = Files.readString(NGINX.resolve("nginx.conf.template"));

        routes().values().stream()
                .distinct()
                .forEach(group -> assertThat(template)
                        .contains(
                                "upstream " + group + " {",
                                "@" + group.toUpperCase(java.util.Locale.ROOT) + "_SERVERS@"));
        assertThat(template).contains("http2;", "keepalive ", "grpc_connect_timeout", "include @RUN_DIR@/routes.conf;");
    }

    private static Map<String, String> routes() {
        try {
            var matcher = ROUTE.matcher(Files.readString(NGINX.resolve("routes.conf")));
            var routes = new HashMap<String, String>();
            while (matcher.find()) {
                assertThat(routes.put(matcher.group(1), matcher.group(2)))
                        .as("one route for %s", matcher.group(1))
                        .isNull();
            }
            return routes;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static Set<String> protoServices() {
        var services = new HashSet<String>();
        try (Stream<Path> files = Files.walk(PROTOS)) {
            for (Path proto :
                    files.filter(file -> file.toString().endsWith(".proto")).toList()) {
                String text = Files.readString(proto);
                var pkg = PACKAGE.matcher(text);
                assertThat(pkg.find()).as("package of %s", proto).isTrue();
                var service = SERVICE.matcher(text);
                while (service.find()) {
                    services.add(pkg.group(1) + "." + service.group(1));
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return services;
    }
}
