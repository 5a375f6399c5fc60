package org.bookworm.ordering.core.inmemory;

import java.time.InstantSource;
import java.util.List;
import java.util.random.RandomGenerator;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.eventsourcing.UuidV7Generator;
import org.bookworm.ordering.core.ordering.BuyerProjector;
import org.bookworm.ordering.core.ordering.BuyerService;
import org.bookworm.ordering.core.ordering.OrderProjector;
import org.bookworm.ordering.core.ordering.OrderQueries;
import org.bookworm.ordering.core.ordering.OrderService;

/**
 * Ordering on the in-memory adapters, in one object: the services, the read side, and the subscriptions that keep
 * the read models current. {@link #drain()} delivers everything appended so far, for tests and demos that want the
 * read side settled before they look.
 */
public final class InMemoryOrdering {
    public final InMemoryEventStore events;
    public final InMemoryOrderViews orderViews = new InMemoryOrderViews();
    public final InMemoryBuyerViews buyerViews = new InMemoryBuyerViews();
    public final InMemoryCheckpoints checkpoints = new InMemoryCheckpoints();
    public final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
    public final InMemorySnapshots snapshots = new InMemorySnapshots();
    public final OrderService orders;
    public final BuyerService buyers;
    public final OrderQueries queries;
    public final List<Subscription> subscriptions;

    public InMemoryOrdering(InstantSource clock, RandomGenerator random) {
        this.events = new InMemoryEventStore(clock);
        var stores =
                new EventSourcedRunner.Stores(events, snapshots, events, new UuidV7Generator(clock, random), clock);
        this.orders = new OrderService(stores);
        this.buyers = new BuyerService(stores);
        this.queries = new OrderQueries(orderViews, events);
        this.subscriptions = List.of(
                new Subscription(
                        OrderProjector.NAME, events, checkpoints, deadLetters, new OrderProjector(orderViews), 500),
                new Subscription(
                        BuyerProjector.NAME, events, checkpoints, deadLetters, new BuyerProjector(buyerViews), 500));
    }

    /** Delivers every appended event to every subscription, until all are caught up. */
    public void drain() {
        int read;
        do {
            read = 0;
            for (Subscription subscription : subscriptions) {
                read += subscription.drain();
            }
        } while (read > 0);
    }
}
