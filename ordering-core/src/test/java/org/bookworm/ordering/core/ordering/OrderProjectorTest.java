package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.contract.ContractFixtures.HOME;
import static org.bookworm.ordering.core.contract.ContractFixtures.ONE_ZAUBERBERG;
import static org.bookworm.ordering.core.contract.ContractFixtures.at;
import static org.bookworm.ordering.core.contract.ContractFixtures.placed;
import static org.bookworm.ordering.core.contract.ContractFixtures.recorded;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Page;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.inmemory.InMemoryOrderViews;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

/**
 * The projector's batch read names every order of the batch and, of those, the ones whose streams begin in it (their
 * first event in the batch is the stream's version 1), so a rebuild's shadow need not look for views it cannot hold.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class OrderProjectorTest {
    private final HintsSeen views = new HintsSeen();
    private final OrderProjector projector = new OrderProjector(views);

    @Test
    void a_batch_names_its_orders_once_each_and_which_of_them_begin_in_it() {
        OrderId begins = order();
        OrderId continues = order();
        OrderId beginsLater = order();

        projector.batchRead(List.of(
                event(begins, 1, placed(begins)),
                event(continues, 3, modified(continues)),
                event(begins, 2, modified(begins)),
                event(beginsLater, 1, placed(beginsLater)),
                event(continues, 4, modified(continues))));

        assertThat(views.ids).containsExactly(List.of(begins, continues, beginsLater));
        assertThat(views.begun).containsExactly(Set.of(begins, beginsLater));
    }

    @Test
    void an_order_whose_first_event_in_the_batch_is_not_its_first_has_begun_before_it() {
        OrderId order = order();

        // version 2 before version 1 cannot come from the log; were it to, the order is not taken as begun here
        projector.batchRead(List.of(event(order, 2, modified(order)), event(order, 1, placed(order))));

        assertThat(views.ids).containsExactly(List.of(order));
        assertThat(views.begun).containsExactly(Set.of());
    }

    @Test
    void the_hint_changes_nothing_the_projection_writes() {
        OrderId order = order();
        var batch = List.of(event(order, 1, placed(order)), event(order, 2, modified(order)));

        projector.batchRead(batch);
        batch.forEach(projector::handle);

        var plain = new InMemoryOrderViews();
        batch.forEach(new OrderProjector(plain)::handle);
        assertThat(views.find(order))
                .isEqualTo(plain.find(order))
                .hasValueSatisfying(view -> assertThat(view.version()).isEqualTo(2));
    }

    private static OrderId order() {
        return new OrderId(UUID.randomUUID());
    }

    private static OrderEvent.OrderModified modified(OrderId order) {
        return new OrderEvent.OrderModified(order, List.of(ONE_ZAUBERBERG), Money.of("0.99", "EUR"), HOME, at(4));
    }

    private static RecordedEvent event(OrderId order, long version, OrderEvent event) {
        return recorded(StreamId.of(OrderService.STREAM, order.value()), version, version, event);
    }

    /** The in-memory views, remembering each batch's hint. */
    private static final class HintsSeen implements OrderViews {
        private final InMemoryOrderViews stored = new InMemoryOrderViews();
        private final List<List<OrderId>> ids = new ArrayList<>();
        private final List<Set<OrderId>> begun = new ArrayList<>();

        @Override
        public void prefetch(Collection<OrderId> batchIds, Set<OrderId> batchBegun) {
            ids.add(List.copyOf(batchIds));
            begun.add(Set.copyOf(batchBegun));
        }

        @Override
        public Optional<OrderView> find(OrderId id) {
            return stored.find(id);
        }

        @Override
        public Page<OrderSummary> list(OrderQuery query) {
            return stored.list(query);
        }

        @Override
        public void save(OrderView view) {
            stored.save(view);
        }

        @Override
        public void clear() {
            stored.clear();
        }
    }
}
