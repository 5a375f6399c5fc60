package org.bookworm.ordering.core.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.core.app.Shop.ALICE;
import static org.bookworm.ordering.core.app.Shop.BOB;
import static org.bookworm.ordering.core.app.Shop.HOME;
import static org.bookworm.ordering.core.app.Shop.OFFICE;
import static org.bookworm.ordering.core.app.Shop.admin;
import static org.bookworm.ordering.core.app.Shop.alice;
import static org.bookworm.ordering.core.app.Shop.bob;
import static org.bookworm.ordering.core.app.Shop.refusal;

import org.bookworm.ordering.core.buyer.BuyerRejection;
import org.bookworm.ordering.core.buyer.BuyerRejection.BuyerAlreadyExists;
import org.bookworm.ordering.core.buyer.BuyerRejection.UnknownBuyer;
import org.bookworm.ordering.core.buyer.BuyerState;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.port.BuyerView;
import org.bookworm.ordering.core.port.PageRequest;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class BuyerServiceTest {
    private static final PersonName ALICE_NAME = new PersonName("Alice Liddell");
    private static final EmailAddress ALICE_EMAIL = new EmailAddress("alice@example.org");

    private final Shop shop = new Shop();
    private final BuyerService buyers = shop.ordering.buyers;

    @Test
    void a_buyer_creates_updates_and_deletes_their_profile_and_the_read_model_follows() {
        assertThat(buyers.create(alice, ALICE_NAME, ALICE_EMAIL, HOME)).isEqualTo(done(1));
        shop.ordering.drain();
        assertThat(shop.ordering.buyerViews.find(ALICE))
                .contains(new BuyerView(ALICE, ALICE_NAME, ALICE_EMAIL, HOME, 1, false));
        assertThat(shop.ordering.buyerViews.list(PageRequest.first(20)).items())
                .extracting(BuyerView::id)
                .containsExactly(ALICE);

        assertThat(buyers.updateAddress(alice, ALICE, OFFICE)).isEqualTo(done(2));
        shop.ordering.drain();
        assertThat(shop.ordering.buyerViews.find(ALICE))
                .contains(new BuyerView(ALICE, ALICE_NAME, ALICE_EMAIL, OFFICE, 2, false));
        assertThat(buyers.load(alice, ALICE)).isEqualTo(new BuyerState.Active(ALICE, ALICE_NAME, ALICE_EMAIL, OFFICE));

        assertThat(buyers.delete(alice, ALICE)).isEqualTo(done(3));
        shop.ordering.drain();
        assertThat(shop.ordering.buyerViews.find(ALICE).map(BuyerView::deleted)).contains(true);
        assertThat(shop.ordering.buyerViews.list(PageRequest.first(20)).items()).isEmpty();
        assertThat(buyers.load(alice, ALICE)).isEqualTo(new BuyerState.Deleted(ALICE));
    }

    @Test
    void the_same_address_again_changes_nothing() {
        buyers.create(alice, ALICE_NAME, ALICE_EMAIL, HOME);

        assertThat(buyers.updateAddress(alice, ALICE, HOME)).isEqualTo(done(1));
        assertThat(shop.ordering.events.load(BuyerService.stream(ALICE)).events())
                .hasSize(1);
    }

    @Test
    void a_second_profile_is_refused() {
        buyers.create(alice, ALICE_NAME, ALICE_EMAIL, HOME);

        assertThat(refusal(buyers.create(alice, ALICE_NAME, ALICE_EMAIL, OFFICE)))
                .isEqualTo(new BuyerAlreadyExists(ALICE));
    }

    @Test
    void a_deleted_profile_can_be_created_again() {
        buyers.create(alice, ALICE_NAME, ALICE_EMAIL, HOME);
        buyers.delete(alice, ALICE);

        assertThat(buyers.create(alice, ALICE_NAME, ALICE_EMAIL, OFFICE)).isEqualTo(done(3));
        shop.ordering.drain();
        assertThat(shop.ordering.buyerViews.find(ALICE))
                .contains(new BuyerView(ALICE, ALICE_NAME, ALICE_EMAIL, OFFICE, 3, false));
    }

    @Test
    void another_user_s_profile_is_unknown_but_an_admin_may_delete_it() {
        buyers.create(alice, ALICE_NAME, ALICE_EMAIL, HOME);

        assertThat(refusal(buyers.updateAddress(bob, ALICE, OFFICE))).isEqualTo(new UnknownBuyer(ALICE));
        assertThat(refusal(buyers.delete(bob, ALICE))).isEqualTo(new UnknownBuyer(ALICE));
        assertThat(buyers.load(bob, ALICE)).isEqualTo(new BuyerState.None());
        assertThat(buyers.delete(admin, ALICE)).isEqualTo(done(2));
    }

    @Test
    void updating_a_missing_profile_is_refused() {
        assertThat(refusal(buyers.updateAddress(bob, BOB, OFFICE))).isEqualTo(new UnknownBuyer(BOB));
        assertThat(shop.ordering.events.load(BuyerService.stream(BOB)).events()).isEmpty();
    }

    private static Outcome<BuyerRejection> done(long version) {
        return new Outcome.Done<>(BuyerService.stream(ALICE), version);
    }
}
