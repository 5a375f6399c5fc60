package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bookworm.ordering.core.testing.Shop.ALICE;
import static org.bookworm.ordering.core.testing.Shop.BOB;
import static org.bookworm.ordering.core.testing.Shop.HOME;
import static org.bookworm.ordering.core.testing.Shop.OFFICE;
import static org.bookworm.ordering.core.testing.Shop.admin;
import static org.bookworm.ordering.core.testing.Shop.alice;
import static org.bookworm.ordering.core.testing.Shop.bob;
import static org.bookworm.ordering.core.testing.Shop.refusal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PageRequest;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeyReused;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.ordering.BuyerRejection.BuyerAlreadyExists;
import org.bookworm.ordering.core.ordering.BuyerRejection.NoSuchBuyer;
import org.bookworm.ordering.core.ordering.BuyerRejection.UnknownBuyer;
import org.bookworm.ordering.core.testing.Shop;
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
    void a_profile_without_name_or_email_takes_them_from_the_token() {
        var fromToken = alice.withClaims(new Caller.Claims("Alice from the token", "token@example.org"));

        assertThat(buyers.create(fromToken, "r-1", null, null, HOME)).isEqualTo(done(1));

        assertThat(buyers.load(alice, ALICE))
                .isEqualTo(new BuyerState.Active(
                        ALICE, new PersonName("Alice from the token"), new EmailAddress("token@example.org"), HOME));
    }

    @Test
    void what_the_request_says_wins_over_the_token() {
        var fromToken = alice.withClaims(new Caller.Claims("Alice from the token", "token@example.org"));

        buyers.create(fromToken, "r-1", ALICE_NAME, ALICE_EMAIL, HOME);

        assertThat(buyers.load(alice, ALICE)).isEqualTo(new BuyerState.Active(ALICE, ALICE_NAME, ALICE_EMAIL, HOME));
    }

    @Test
    void without_a_name_anywhere_the_buyer_is_anonymous_and_without_an_email_anywhere_has_none() {
        assertThat(buyers.create(alice, "r-1", null, null, HOME)).isEqualTo(done(1));
        shop.ordering.drain();

        assertThat(buyers.load(alice, ALICE)).isEqualTo(new BuyerState.Active(ALICE, PersonName.ANONYMOUS, null, HOME));
        assertThat(shop.ordering.buyerViews.find(ALICE))
                .contains(new BuyerView(ALICE, PersonName.ANONYMOUS, null, HOME, 1, false));
    }

    @Test
    void an_unusable_claim_is_refused_naming_the_claim_and_writes_nothing() {
        var badClaim = alice.withClaims(new Caller.Claims("Alice", "not an address"));

        assertThatThrownBy(() -> buyers.create(badClaim, "r-1", ALICE_NAME, null, HOME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the token's email claim cannot be used")
                .hasMessageContaining("send email in the request");
        assertThat(buyers.create(badClaim, "r-1", ALICE_NAME, ALICE_EMAIL, HOME))
                .isEqualTo(done(1));
    }

    @Test
    void a_create_repeated_with_its_request_id_answers_the_first_outcome_and_writes_nothing_more() {
        assertThat(buyers.create(alice, "r-1", ALICE_NAME, ALICE_EMAIL, HOME)).isEqualTo(done(1));

        assertThat(buyers.create(alice, "r-1", ALICE_NAME, ALICE_EMAIL, HOME)).isEqualTo(done(1));
        assertThat(shop.ordering.events.load(BuyerService.stream(ALICE)).events())
                .hasSize(1);
        assertThatThrownBy(() -> buyers.create(alice, "r-1", ALICE_NAME, ALICE_EMAIL, OFFICE))
                .isInstanceOf(IdempotencyKeyReused.class);
        assertThat(refusal(buyers.create(alice, "r-2", ALICE_NAME, ALICE_EMAIL, HOME)))
                .isEqualTo(new BuyerAlreadyExists(ALICE));
    }

    @Test
    void racing_creates_with_one_request_id_all_answer_the_first_outcome() throws Exception {
        var racing = Shop.withSlowIds();
        var executor = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 20; round++) {
                var buyer = new BuyerId(UUID.randomUUID());
                var caller = Caller.buyer(buyer);
                var start = new CyclicBarrier(4);
                var answers = new ArrayList<CompletableFuture<Outcome<BuyerRejection>>>();
                for (int call = 0; call < 4; call++) {
                    answers.add(CompletableFuture.supplyAsync(
                            () -> {
                                await(start);
                                return racing.ordering.buyers.create(caller, "same", ALICE_NAME, ALICE_EMAIL, HOME);
                            },
                            executor));
                }
                List<Outcome<BuyerRejection>> outcomes =
                        answers.stream().map(CompletableFuture::join).toList();
                assertThat(outcomes)
                        .as("round " + round)
                        .containsOnly(new Outcome.Done<>(BuyerService.stream(buyer), 1));
                assertThat(racing.ordering
                                .events
                                .load(BuyerService.stream(buyer))
                                .events())
                        .hasSize(1);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void deleting_a_deleted_profile_changes_nothing_and_answers_as_the_first_delete() {
        buyers.create(alice, ALICE_NAME, ALICE_EMAIL, HOME);
        assertThat(buyers.delete(admin, ALICE)).isEqualTo(done(2));

        assertThat(buyers.delete(admin, ALICE)).isEqualTo(done(2));
        assertThat(buyers.delete(alice, ALICE)).isEqualTo(done(2));
        assertThat(shop.ordering.events.load(BuyerService.stream(ALICE)).events())
                .hasSize(2);
    }

    @Test
    void an_admin_is_told_which_buyer_is_missing() {
        var refused = refusal(buyers.delete(admin, BOB));
        assertThat(refused).isEqualTo(new NoSuchBuyer(BOB));
        assertThat(refused.message()).isEqualTo("no buyer " + BOB);
        assertThat(refusal(buyers.updateAddress(admin, BOB, OFFICE))).isEqualTo(new NoSuchBuyer(BOB));
        assertThat(buyers.profile(admin, BOB)).isEqualTo(new BuyerService.Profile.Missing(new NoSuchBuyer(BOB)));

        assertThat(buyers.profile(bob, BOB)).isEqualTo(new BuyerService.Profile.Missing(new UnknownBuyer(BOB)));
        assertThat(new UnknownBuyer(BOB).message()).isEqualTo("no buyer profile: create one first");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception interrupted) {
            throw new IllegalStateException(interrupted);
        }
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
