package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.contract.ContractFixtures.OFFICE;
import static org.bookworm.ordering.core.contract.ContractFixtures.buyerView;
import static org.bookworm.ordering.core.contract.ContractFixtures.newId;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Ids;
import org.bookworm.ordering.core.common.Page;
import org.bookworm.ordering.core.common.PageRequest;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.ordering.BuyerView;
import org.bookworm.ordering.core.ordering.BuyerViews;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract of {@link BuyerViews}: versioned saves that never roll back, and a list of non-deleted buyers by id
 * (unsigned byte order), paged by token.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class BuyerViewsContract {

    /** Fresh, empty views; creating or truncating them is the implementation's job. */
    protected abstract BuyerViews emptyViews();

    private BuyerViews views;

    @BeforeEach
    final void createViews() {
        views = emptyViews();
    }

    private String implementation() {
        return getClass().getSimpleName();
    }

    @Test
    void a_missing_buyer_is_not_found() {
        assertThat(views.find(new BuyerId(newId()))).as(implementation()).isEmpty();
    }

    @Test
    void a_saved_view_is_found_equal() {
        BuyerView view = buyerView(new BuyerId(newId()), 1, false);

        views.save(view);

        assertThat(views.find(view.id())).as(implementation()).contains(view);
    }

    @Test
    void a_buyer_without_an_email_address_is_found_without_one() {
        BuyerView full = buyerView(new BuyerId(newId()), 1, false);
        var anonymous = new BuyerView(full.id(), PersonName.ANONYMOUS, null, full.address(), 1, false);

        views.save(anonymous);

        assertThat(views.find(anonymous.id())).as(implementation()).contains(anonymous);
    }

    @Test
    void a_newer_version_replaces_the_view_and_an_older_or_equal_one_is_ignored() {
        var id = new BuyerId(newId());
        views.save(buyerView(id, 1, false));
        BuyerView moved = new BuyerView(id, ContractFixtures.NAME, ContractFixtures.EMAIL, OFFICE, 2, false);
        views.save(moved);

        views.save(buyerView(id, 1, false));
        views.save(buyerView(id, 2, true));

        assertThat(views.find(id)).as(implementation()).contains(moved);
    }

    @Test
    void the_list_holds_non_deleted_buyers_by_id_in_unsigned_order() {
        var low = new BuyerId(UUID.fromString("7fffffff-0000-7000-8000-000000000001"));
        var high = new BuyerId(UUID.fromString("80000000-0000-7000-8000-000000000001"));
        var gone = new BuyerId(UUID.fromString("90000000-0000-7000-8000-000000000001"));
        views.save(buyerView(high, 1, false));
        views.save(buyerView(gone, 1, false));
        views.save(buyerView(gone, 2, true));
        views.save(buyerView(low, 1, false));

        assertThat(views.list(PageRequest.first(20)).items())
                .extracting(BuyerView::id)
                .as(implementation())
                .containsExactly(low, high);
        assertThat(views.find(gone).map(BuyerView::deleted))
                .as(implementation())
                .contains(true);
    }

    @Test
    void paging_through_45_buyers_by_20_yields_20_20_and_5_without_duplicates_or_gaps() {
        var all = new ArrayList<BuyerId>();
        for (int i = 0; i < 45; i++) {
            var id = new BuyerId(newId());
            views.save(buyerView(id, 1, false));
            all.add(id);
        }
        all.sort((a, b) -> Ids.compare(a.value(), b.value()));

        var pages = new ArrayList<List<BuyerId>>();
        String token = null;
        do {
            Page<BuyerView> page = views.list(new PageRequest(20, token));
            pages.add(page.items().stream().map(BuyerView::id).toList());
            token = page.nextToken();
            assertThat(pages).as(implementation() + ": pages never end").hasSizeLessThanOrEqualTo(3);
        } while (token != null);

        assertThat(pages).extracting(List::size).as(implementation()).containsExactly(20, 20, 5);
        assertThat(pages.stream().flatMap(List::stream).toList())
                .as(implementation())
                .containsExactlyElementsOf(all);
    }

    @Test
    void clear_removes_every_view() {
        BuyerView view = buyerView(new BuyerId(newId()), 1, false);
        views.save(view);

        views.clear();

        assertThat(views.find(view.id())).as(implementation()).isEmpty();
        assertThat(views.list(PageRequest.first(20)).items())
                .as(implementation())
                .isEmpty();
    }
}
