package org.bookworm.ordering.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bookworm.ordering.adapter.postgres.PostgresAdmin;
import org.bookworm.ordering.adapter.postgres.Violation;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.inmemory.InMemoryOrderViews;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderProjector;
import org.bookworm.ordering.core.ordering.OrderService;

/**
 * Every order's read model equals the fold of its stream: the core's own projector folds the log, up to the live
 * projection's checkpoint, into memory, and each order's view is compared with the stored one. Lanes the projection
 * holds back (a failed event) are left out: their views are behind on purpose.
 */
final class ReadModelCheck {
    private static final int BATCH = 1_000;
    private static final int REPORTED = 20;

    private ReadModelCheck() {}

    static List<Violation> check(PostgresAdmin pg) {
        LogPosition upTo = pg.subscriptions(List.of(OrderProjector.NAME)).get(0).position();
        Set<UUID> held = new java.util.HashSet<>();
        pg.deadLetters().lanes(OrderProjector.NAME).forEach(lane -> held.add(lane.id()));
        var folded = new InMemoryOrderViews();
        var projector = new OrderProjector(folded);
        Set<UUID> orders = new LinkedHashSet<>();
        var log = pg.eventLog();
        LogPosition at = LogPosition.START;
        List<org.bookworm.ordering.core.eventsourcing.RecordedEvent> batch;
        while (!(batch = log.readAfter(at, BATCH)).isEmpty()
                && !batch.get(0).position().isAfter(upTo)) {
            for (var event : batch) {
                if (event.position().isAfter(upTo)) {
                    break;
                }
                at = event.position();
                if (!held.contains(event.stream().id())) {
                    projector.handle(event);
                    if (event.stream().type().equals(OrderService.STREAM)) {
                        orders.add(event.stream().id());
                    }
                }
            }
        }
        return differences(pg, folded, orders);
    }

    private static List<Violation> differences(PostgresAdmin pg, InMemoryOrderViews folded, Set<UUID> orders) {
        var stored = pg.orderViews();
        var broken = new ArrayList<Violation>();
        for (UUID id : orders) {
            var order = new OrderId(id);
            var expected = folded.find(order);
            var actual = stored.find(order);
            if (!expected.equals(actual) && broken.size() < REPORTED) {
                broken.add(new Violation(
                        Violation.READ_MODEL,
                        "order " + id + ": stored "
                                + actual.map(view -> view.status() + " v" + view.version())
                                        .orElse("nothing") + ", the fold gives "
                                + expected.map(view -> view.status() + " v" + view.version())
                                        .orElse("nothing")));
            }
        }
        return broken;
    }
}
