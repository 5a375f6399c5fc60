package org.bookworm.ordering.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.adapter.postgres.PostgresAdapters;
import org.bookworm.ordering.adapter.postgres.PostgresConfig;
import org.bookworm.ordering.core.contract.ContractFixtures;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.finance.CheckoutEvent;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderService;

/** Events appended through the real store: orders partly shipped, and one checkout that carries a payment token. */
final class Seeds {
    static final String TOKEN = "tok_approve-secret-4242";

    private Seeds() {}

    /** Appends {@code orders} partly shipped orders (4 events each) and one checkout; returns the order ids. */
    static List<OrderId> orders(String url, int orders) {
        try (var pg = PostgresAdapters.startWithoutGroupCommit(
                PostgresConfig.fromEnv(System.getenv()).withUrl(url))) {
            var ids = new ArrayList<OrderId>();
            for (int i = 0; i < orders; i++) {
                var order = new OrderId(UUID.randomUUID());
                pg.eventStore()
                        .append(
                                StreamId.of(OrderService.STREAM, order.value()),
                                0,
                                ContractFixtures.newEvents(ContractFixtures.partlyShippedHistory(order)));
                ids.add(order);
            }
            var first = ids.get(0);
            pg.eventStore()
                    .append(
                            StreamId.of(org.bookworm.ordering.core.finance.CheckoutSagaService.STREAM, first.value()),
                            0,
                            List.of(ContractFixtures.newEvent(new CheckoutEvent.CheckoutRequested(
                                    first,
                                    ContractFixtures.BUYER,
                                    new PaymentMethod(TOKEN),
                                    ContractFixtures.at(30),
                                    ContractFixtures.T0))));
            return ids;
        }
    }
}
