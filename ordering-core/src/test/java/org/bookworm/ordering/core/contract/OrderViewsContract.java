package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bookworm.ordering.core.contract.ContractFixtures.BUYER;
import static org.bookworm.ordering.core.contract.ContractFixtures.T0;
import static org.bookworm.ordering.core.contract.ContractFixtures.newId;
import static org.bookworm.ordering.core.contract.ContractFixtures.orderView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Ids;
import org.bookworm.ordering.core.common.Page;
import org.bookworm.ordering.core.common.PageRequest;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderQuery;
import org.bookworm.ordering.core.ordering.OrderStatus;
import org.bookworm.ordering.core.ordering.OrderSummary;
import org.bookworm.ordering.core.ordering.OrderView;
import org.bookworm.ordering.core.ordering.OrderViews;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract of {@link OrderViews}: versioned saves that never roll back, and lists newest first (placed time, then
 * id in unsigned byte order, both descending) filtered by buyer and status, without deleted orders, paged by token.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class OrderViewsContract {
    private static final Comparator<OrderSummary> NEWEST_FIRST = Comparator.comparing(OrderSummary::placedAt)
            .thenComparing((a, b) -> Ids.compare(a.id().value(), b.id().value()))
            .reversed();
    private static final BuyerId OTHER_BUYER = new BuyerId(UUID.fromString("0192f0c8-0000-7000-8000-00000000b002"));

    /** Fresh, empty views; creating or truncating them is the implementation's job. */
    protected abstract OrderViews emptyViews();

    private OrderViews views;

    @BeforeEach
    final void createViews() {
        views = emptyViews();
    }

    private String implementation() {
        return getClass().getSimpleName();
    }

    @Test
    void a_missing_order_is_not_found() {
        assertThat(views.find(new OrderId(newId()))).as(implementation()).isEmpty();
    }

    @Test
    void a_saved_view_is_found_equal() {
        OrderView view = orderView(new OrderId(newId()), BUYER, OrderStatus.PARTIALLY_SHIPPED, T0, 4, false);

        views.save(view);

        assertThat(views.find(view.id())).as(implementation()).contains(view);
    }

    @Test
    void a_newer_version_replaces_the_view() {
        var id = new OrderId(newId());
        views.save(orderView(id, BUYER, OrderStatus.PLACED, T0, 1, false));
        OrderView newer = orderView(id, BUYER, OrderStatus.CONFIRMED, T0, 2, false);

        views.save(newer);

        assertThat(views.find(id)).as(implementation()).contains(newer);
    }

    @Test
    void an_older_or_equal_version_is_ignored() {
        var id = new OrderId(newId());
        OrderView current = orderView(id, BUYER, OrderStatus.CONFIRMED, T0, 2, false);
        views.save(current);

        views.save(orderView(id, BUYER, OrderStatus.PLACED, T0, 1, false));
        views.save(orderView(id, BUYER, OrderStatus.CANCELLED, T0, 2, false));

        assertThat(views.find(id)).as(implementation()).contains(current);
        assertThat(list(null, null, 20).items())
                .extracting(OrderSummary::status)
                .as(implementation())
                .containsExactly(OrderStatus.CONFIRMED);
    }

    @Test
    void the_list_is_newest_first_then_by_id_descending_in_unsigned_order() {
        // ids whose order differs between signed and unsigned comparison, at one placed time
        var low = new OrderId(UUID.fromString("7fffffff-0000-7000-8000-000000000001"));
        var high = new OrderId(UUID.fromString("80000000-0000-7000-8000-000000000001"));
        var highest = new OrderId(UUID.fromString("ffffffff-0000-7000-8000-000000000001"));
        var newest = new OrderId(UUID.fromString("00000000-0000-7000-8000-000000000001"));
        views.save(orderView(low, BUYER, OrderStatus.PLACED, T0, 1, false));
        views.save(orderView(highest, BUYER, OrderStatus.PLACED, T0, 1, false));
        views.save(orderView(newest, BUYER, OrderStatus.PLACED, T0.plusNanos(1000), 1, false));
        views.save(orderView(high, BUYER, OrderStatus.PLACED, T0, 1, false));

        assertThat(list(null, null, 20).items())
                .extracting(OrderSummary::id)
                .as(implementation())
                .containsExactly(newest, highest, high, low);
    }

    @Test
    void a_summary_carries_the_view_s_list_fields() {
        OrderView view = orderView(new OrderId(newId()), BUYER, OrderStatus.SHIPPED, T0, 7, false);
        views.save(view);

        assertThat(list(null, null, 20).items()).as(implementation()).containsExactly(view.summary());
    }

    @Test
    void the_list_filters_by_buyer_and_by_status() {
        OrderView minePlaced = save(BUYER, OrderStatus.PLACED, 1);
        OrderView mineShipped = save(BUYER, OrderStatus.SHIPPED, 2);
        OrderView theirsPlaced = save(OTHER_BUYER, OrderStatus.PLACED, 3);
        OrderView theirsCancelled = save(OTHER_BUYER, OrderStatus.CANCELLED, 4);

        assertThat(ids(list(BUYER, null, 20)))
                .as(implementation() + ": by buyer")
                .containsExactly(mineShipped.id(), minePlaced.id());
        assertThat(ids(list(null, OrderStatus.PLACED, 20)))
                .as(implementation() + ": by status")
                .containsExactly(theirsPlaced.id(), minePlaced.id());
        assertThat(ids(list(OTHER_BUYER, OrderStatus.CANCELLED, 20)))
                .as(implementation() + ": by buyer and status")
                .containsExactly(theirsCancelled.id());
        assertThat(ids(list(BUYER, OrderStatus.CANCELLED, 20)))
                .as(implementation() + ": nothing matches")
                .isEmpty();
        assertThat(ids(list(null, null, 20)))
                .as(implementation() + ": no filter")
                .containsExactly(theirsCancelled.id(), theirsPlaced.id(), mineShipped.id(), minePlaced.id());
    }

    @Test
    void deleted_orders_are_never_listed_but_are_found() {
        OrderView kept = save(BUYER, OrderStatus.COMPLETED, 1);
        var deletedId = new OrderId(newId());
        views.save(orderView(deletedId, BUYER, OrderStatus.COMPLETED, T0.plusSeconds(2), 5, false));
        OrderView deleted = orderView(deletedId, BUYER, OrderStatus.COMPLETED, T0.plusSeconds(2), 6, true);
        views.save(deleted);

        assertThat(ids(list(null, null, 20))).as(implementation()).containsExactly(kept.id());
        assertThat(ids(list(BUYER, OrderStatus.COMPLETED, 20)))
                .as(implementation())
                .containsExactly(kept.id());
        assertThat(views.find(deletedId)).as(implementation()).contains(deleted);
    }

    @Test
    void paging_through_45_orders_by_20_yields_20_20_and_5_without_duplicates_or_gaps() {
        var all = new ArrayList<OrderSummary>();
        for (int i = 0; i < 45; i++) {
            // three orders per placed time, so that pages also break between orders of the same instant
            OrderView view =
                    orderView(new OrderId(newId()), BUYER, OrderStatus.PLACED, T0.plusSeconds(i / 3), 1, false);
            views.save(view);
            all.add(view.summary());
        }
        all.sort(NEWEST_FIRST);

        var pages = new ArrayList<List<OrderSummary>>();
        String token = null;
        do {
            Page<OrderSummary> page = views.list(new OrderQuery(BUYER, OrderStatus.PLACED, new PageRequest(20, token)));
            pages.add(page.items());
            token = page.nextToken();
            assertThat(pages).as(implementation() + ": pages never end").hasSizeLessThanOrEqualTo(3);
        } while (token != null);

        assertThat(pages).extracting(List::size).as(implementation()).containsExactly(20, 20, 5);
        assertThat(pages.stream().flatMap(List::stream).toList())
                .as(implementation() + ": the pages in a row are the whole list, newest first")
                .containsExactlyElementsOf(all);
    }

    @Test
    void a_page_that_ends_exactly_at_the_last_order_has_no_next_token() {
        for (int i = 0; i < 20; i++) {
            save(BUYER, OrderStatus.PLACED, i);
        }

        Page<OrderSummary> page = list(null, null, 20);

        assertThat(page.items()).as(implementation()).hasSize(20);
        assertThat(page.nextToken()).as(implementation()).isNull();
    }

    @Test
    void a_page_size_of_0_means_20_and_a_size_above_100_means_100() {
        for (int i = 0; i < 101; i++) {
            save(BUYER, OrderStatus.PLACED, i);
        }

        Page<OrderSummary> defaultSize = list(null, null, 0);
        Page<OrderSummary> capped = list(null, null, 500);

        assertThat(defaultSize.items()).as(implementation()).hasSize(20);
        assertThat(defaultSize.nextToken()).as(implementation()).isNotNull();
        assertThat(capped.items()).as(implementation()).hasSize(100);
        assertThat(capped.nextToken()).as(implementation()).isNotNull();
        assertThat(views.list(new OrderQuery(null, null, new PageRequest(500, capped.nextToken())))
                        .items())
                .as(implementation() + ": the one order left")
                .hasSize(1);
    }

    @Test
    void a_token_used_with_another_filter_is_refused() {
        for (int i = 0; i < 3; i++) {
            save(BUYER, OrderStatus.PLACED, i);
        }
        String token = list(BUYER, null, 1).nextToken();
        assertThat(token).as(implementation()).isNotNull();

        assertThatThrownBy(() -> views.list(new OrderQuery(OTHER_BUYER, null, new PageRequest(1, token))))
                .as(implementation())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> views.list(new OrderQuery(BUYER, OrderStatus.PLACED, new PageRequest(1, token))))
                .as(implementation())
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(views.list(new OrderQuery(BUYER, null, new PageRequest(1, token)))
                        .items())
                .as(implementation() + ": the same filter continues")
                .hasSize(1);
    }

    @Test
    void clear_removes_every_view() {
        OrderView view = save(BUYER, OrderStatus.PLACED, 1);
        save(OTHER_BUYER, OrderStatus.SHIPPED, 2);

        views.clear();

        assertThat(views.find(view.id())).as(implementation()).isEmpty();
        assertThat(list(null, null, 20).items()).as(implementation()).isEmpty();
        views.save(view);
        assertThat(views.find(view.id()))
                .as(implementation() + ": usable after clear")
                .contains(view);
    }

    private OrderView save(BuyerId buyer, OrderStatus status, int secondsAfterT0) {
        Instant placedAt = T0.plusSeconds(secondsAfterT0);
        OrderView view = orderView(new OrderId(newId()), buyer, status, placedAt, 1, false);
        views.save(view);
        return view;
    }

    private Page<OrderSummary> list(@Nullable BuyerId buyer, @Nullable OrderStatus status, int size) {
        return views.list(new OrderQuery(buyer, status, PageRequest.first(size)));
    }

    private static List<OrderId> ids(Page<OrderSummary> page) {
        return page.items().stream().map(OrderSummary::id).toList();
    }
}
