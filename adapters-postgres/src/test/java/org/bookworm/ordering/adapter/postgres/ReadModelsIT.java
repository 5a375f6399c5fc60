package org.bookworm.ordering.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Ids;
import org.bookworm.ordering.core.common.Page;
import org.bookworm.ordering.core.common.PageRequest;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.eventsourcing.DeadLetters;
import org.bookworm.ordering.core.eventsourcing.LogPosition;
import org.bookworm.ordering.core.eventsourcing.RecordedEvent;
import org.bookworm.ordering.core.eventsourcing.Snapshot;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.BuyerView;
import org.bookworm.ordering.core.ordering.OrderFacts;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderQuery;
import org.bookworm.ordering.core.ordering.OrderService;
import org.bookworm.ordering.core.ordering.OrderState;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.bookworm.ordering.core.ordering.OrderSummary;
import org.bookworm.ordering.core.ordering.OrderView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Checkpoints, dead letters, snapshots and the read models on PostgreSQL. */
class ReadModelsIT {
    @RegisterExtension
    static final PostgresTestDatabase pg = new PostgresTestDatabase();

    @BeforeEach
    void clear() {
        pg.adapters().orderViews().clear();
        pg.adapters().buyerViews().clear();
    }

    @Test
    void checkpointsStartAtTheBeginningAndKeepTheLastSavedPosition() {
        assertThat(pg.adapters().checkpoints().load("s-" + UUID.randomUUID())).isEqualTo(LogPosition.START);
        pg.adapters().checkpoints().save("s1", new LogPosition(5_000_000_000L, 42));
        pg.adapters().checkpoints().save("s1", new LogPosition(5_000_000_001L, 7));
        assertThat(pg.adapters().checkpoints().load("s1")).isEqualTo(new LogPosition(5_000_000_001L, 7));
    }

    @Test
    void deadLettersKeepTheEventAndItsErrorOncePerSubscription() {
        var order = new OrderId(UUID.randomUUID());
        pg.adapters().eventStore().append(EventStoreEssentialsIT.streamOf(order), 0, Samples.newEvents(order, 1));
        RecordedEvent event = pg.adapters()
                .eventStore()
                .load(EventStoreEssentialsIT.streamOf(order))
                .events()
                .get(0);
        pg.adapters().deadLetters().hold("dl", event, DeadLetters.Hold.parked(1, Samples.AT, "boom"));
        pg.adapters().deadLetters().hold("dl", event, DeadLetters.Hold.parked(2, Samples.AT, "boom again"));
        assertThat(pg.adapters().deadLetters().lanes("dl"))
                .extracting(DeadLetters.Lane::id)
                .containsExactly(event.stream().id());
        assertThat(pg.adapters().deadLetters().list("dl")).singleElement().satisfies(letter -> {
            assertThat(letter.event()).isEqualTo(event);
            assertThat(letter.error()).isEqualTo("boom");
        });
        assertThat(pg.adapters().deadLetters().list("other")).isEmpty();
    }

    @Test
    void snapshotsRoundTripAndAreDiscardedOnAnotherDeciderVersionOrUnreadableData() throws SQLException {
        var stream = StreamId.of(OrderService.STREAM, UUID.randomUUID());
        var facts = new OrderFacts(
                new OrderId(stream.id()),
                Samples.buyer(),
                Samples.ADDRESS,
                Samples.lines(),
                org.bookworm.ordering.core.common.Money.of("37.50", "USD"),
                Map.of(Samples.BOOK, 1),
                Samples.AT,
                false);
        var state = new OrderState.PartiallyShipped(facts);
        pg.adapters().snapshots().save(new Snapshot(stream, 7, 3, state));
        assertThat(pg.adapters().snapshots().load(stream, 3)).get().isEqualTo(new Snapshot(stream, 7, 3, state));
        assertThat(pg.adapters().snapshots().load(stream, 4)).isEmpty();
        pg.adapters().snapshots().save(new Snapshot(stream, 5, 3, new OrderState.Confirmed(facts)));
        assertThat(pg.adapters().snapshots().load(stream, 3))
                .get()
                .extracting(Snapshot::version)
                .isEqualTo(7L);
        try (Connection c = pg.db().connect();
                Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE eventstore.snapshots SET data = '{\"nonsense\": 1}'");
        }
        assertThat(pg.adapters().snapshots().load(stream, 3)).isEmpty();
        var none = StreamId.of(OrderService.STREAM, UUID.randomUUID());
        pg.adapters().snapshots().save(new Snapshot(none, 1, 3, new OrderState.None()));
        assertThat(pg.adapters().snapshots().load(none, 3))
                .get()
                .extracting(Snapshot::state)
                .isEqualTo(new OrderState.None());
    }

    @Test
    void orderViewsKeepTheNewestVersionAndListNewestFirstInStablePages() {
        var buyer = new BuyerId(UUID.randomUUID());
        var views = new ArrayList<OrderView>();
        Instant base = Instant.parse("2026-11-24T10:00:00.000000001Z");
        for (int i = 0; i < 25; i++) {
            // Several orders share a placed time (down to the nanosecond) so the id breaks the tie.
            Instant placedAt = base.plusNanos(i / 3);
            var id = new OrderId(UUID.randomUUID());
            OrderView view = view(
                    id,
                    i % 2 == 0 ? buyer : Samples.BUYER,
                    placedAt,
                    i % 5 == 0 ? OrderStatus.SHIPPED : OrderStatus.PLACED,
                    1);
            pg.adapters().orderViews().save(view);
            views.add(view);
        }
        OrderView deleted = view(new OrderId(UUID.randomUUID()), buyer, base, OrderStatus.CANCELLED, 3);
        pg.adapters()
                .orderViews()
                .save(new OrderView(
                        deleted.id(),
                        deleted.buyer(),
                        deleted.buyerName(),
                        deleted.buyerEmail(),
                        deleted.status(),
                        deleted.lines(),
                        deleted.total(),
                        deleted.shippingAddress(),
                        deleted.placedAt(),
                        deleted.updatedAt(),
                        3,
                        true));
        // An older version never rolls a view back.
        OrderView first = views.get(0);
        pg.adapters().orderViews().save(view(first.id(), first.buyer(), first.placedAt(), OrderStatus.CONFIRMED, 2));
        pg.adapters().orderViews().save(view(first.id(), first.buyer(), first.placedAt(), OrderStatus.PLACED, 1));
        assertThat(pg.adapters().orderViews().find(first.id()))
                .get()
                .extracting(OrderView::status)
                .isEqualTo(OrderStatus.CONFIRMED);
        assertThat(pg.adapters().orderViews().find(first.id()).orElseThrow().lines())
                .isEqualTo(first.lines());
        assertThat(pg.adapters().orderViews().find(deleted.id()))
                .get()
                .extracting(OrderView::deleted)
                .isEqualTo(true);

        Comparator<OrderSummary> newestFirst = Comparator.comparing(OrderSummary::placedAt)
                .thenComparing((a, b) -> Ids.compare(a.id().value(), b.id().value()))
                .reversed();
        List<OrderSummary> expectedMine = pg.adapters()
                .orderViews()
                .list(new OrderQuery(buyer, null, PageRequest.first(100)))
                .items();
        assertThat(expectedMine).isSortedAccordingTo(newestFirst).hasSize(13);
        assertThat(collect(new OrderQuery(buyer, null, PageRequest.first(4)))).isEqualTo(expectedMine);
        List<OrderSummary> all = collect(new OrderQuery(null, null, PageRequest.first(7)));
        assertThat(all).hasSize(25).isSortedAccordingTo(newestFirst);
        assertThat(collect(new OrderQuery(null, OrderStatus.SHIPPED, PageRequest.first(2))))
                .hasSize(4) // five were shipped; the first was moved on to Confirmed above
                .allMatch(s -> s.status() == OrderStatus.SHIPPED);
        String token = pg.adapters()
                .orderViews()
                .list(new OrderQuery(buyer, null, PageRequest.first(4)))
                .nextToken();
        assertThatThrownBy(() -> new OrderQuery(null, null, new PageRequest(4, token)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void buyerViewsListLiveBuyersByIdInPages() {
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < 7; i++) {
            var id = UUID.randomUUID();
            ids.add(id);
            pg.adapters()
                    .buyerViews()
                    .save(new BuyerView(
                            new BuyerId(id),
                            new PersonName("B" + i),
                            new EmailAddress("b" + i + "@example.org"),
                            Samples.ADDRESS,
                            1,
                            i == 3));
        }
        pg.adapters()
                .buyerViews()
                .save(new BuyerView(
                        new BuyerId(ids.get(0)),
                        new PersonName("Old"),
                        new EmailAddress("old@example.org"),
                        Samples.ADDRESS,
                        1,
                        false));
        assertThat(pg.adapters().buyerViews().find(new BuyerId(ids.get(0))))
                .get()
                .extracting(BuyerView::name)
                .isEqualTo(new PersonName("B0"));
        var listed = new ArrayList<UUID>();
        String token = null;
        do {
            Page<BuyerView> page = pg.adapters().buyerViews().list(new PageRequest(2, token));
            page.items().forEach(v -> listed.add(v.id().value()));
            token = page.nextToken();
        } while (token != null);
        ids.remove(3);
        ids.sort(Ids::compare);
        assertThat(listed).isEqualTo(ids);
    }

    private static List<OrderSummary> collect(OrderQuery first) {
        var items = new ArrayList<OrderSummary>();
        OrderQuery query = first;
        while (true) {
            Page<OrderSummary> page = pg.adapters().orderViews().list(query);
            items.addAll(page.items());
            if (page.nextToken() == null) {
                return items;
            }
            query = new OrderQuery(
                    first.buyer(), first.status(), new PageRequest(first.page().size(), page.nextToken()));
        }
    }

    private static OrderView view(OrderId id, BuyerId buyer, Instant placedAt, OrderStatus status, long version) {
        var lines = Samples.lines().stream()
                .map(l -> new OrderView.Line(l.book(), l.title(), l.quantity().value(), 0, l.unitPrice()))
                .toList();
        return new OrderView(
                id,
                buyer,
                new PersonName("Ada"),
                new EmailAddress("ada@example.org"),
                status,
                lines,
                org.bookworm.ordering.core.common.Money.of("37.50", "USD"),
                Samples.ADDRESS,
                placedAt,
                placedAt.plusSeconds(version),
                version,
                false);
    }
}
