package org.bookworm.ordering.core.inmemory;

import java.time.InstantSource;
import java.util.List;
import java.util.random.RandomGenerator;
import org.bookworm.ordering.core.composition.ServiceGraph;
import org.bookworm.ordering.core.eventsourcing.Subscription;
import org.bookworm.ordering.core.ordering.BuyerService;
import org.bookworm.ordering.core.ordering.BuyerViews;
import org.bookworm.ordering.core.ordering.OrderQueries;
import org.bookworm.ordering.core.ordering.OrderService;

/**
 * Ordering on the in-memory adapters, in one object: the stores, the services, the read side, and the subscriptions
 * that keep the read models current, all taken from one {@link ServiceGraph}. {@link #drain()} delivers everything
 * appended so far, for tests and demos that want the read side settled before they look.
 */
public final class InMemoryOrdering {
    public final InMemoryEventStore events;
    public final InMemoryOrderViews orderViews;
    public final BuyerViews buyerViews;
    public final InMemoryCheckpoints checkpoints;
    public final InMemoryDeadLetters deadLetters;
    public final InMemorySnapshots snapshots;
    public final OrderService orders;
    public final BuyerService buyers;
    public final OrderQueries queries;
    /** The projections' subscriptions (order and buyer views). */
    public final List<Subscription> subscriptions;

    /** Ordering on a graph of its own, the other services' ports in memory too. */
    public InMemoryOrdering(InstantSource clock, RandomGenerator random) {
        this(new InMemoryBookWorm.Stores(clock), ServiceGraph.Settings.of(clock, random));
    }

    private InMemoryOrdering(InMemoryBookWorm.Stores stores, ServiceGraph.Settings settings) {
        this(stores, new ServiceGraph(stores.ports(), settings));
    }

    /** Ordering's part of {@code graph}, built on {@code stores}. */
    InMemoryOrdering(InMemoryBookWorm.Stores stores, ServiceGraph graph) {
        this.events = stores.events;
        this.orderViews = stores.orderViews;
        this.buyerViews = stores.buyerViews;
        this.checkpoints = stores.checkpoints;
        this.deadLetters = stores.deadLetters;
        this.snapshots = stores.snapshots;
        this.orders = graph.orders();
        this.buyers = graph.buyers();
        this.queries = graph.queries();
        this.subscriptions = graph.projections();
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
