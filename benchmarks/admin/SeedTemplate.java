import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.adapter.postgres.PostgresAdapters;
import org.bookworm.ordering.adapter.postgres.PostgresConfig;
import org.bookworm.ordering.core.contract.ContractFixtures;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;

/**
 * bin/bench-admin's template: one order's life (placed, moved, confirmed, partly shipped: 4 events) appended through
 * the real store, so the SQL that copies it a quarter of a million times copies events the codec reads back.
 * Run as a single-file program: java -cp cli-all.jar:ordering-core-tests.jar SeedTemplate.java JDBC_URL
 */
public class SeedTemplate {
    public static void main(String[] args) {
        var config = PostgresConfig.fromEnv(System.getenv()).withUrl(args[0]);
        try (var pg = PostgresAdapters.startWithoutGroupCommit(config)) {
            var order = new OrderId(UUID.fromString("0192f0c8-aaaa-7000-8000-000000000001"));
            pg.eventStore().append(
                    StreamId.of(OrderService.STREAM, order.value()),
                    0,
                    ContractFixtures.newEvents(ContractFixtures.partlyShippedHistory(order)));
        }
        System.out.println("template order 0192f0c8-aaaa-7000-8000-000000000001 appended (4 events)");
        System.exit(0);
    }
}
