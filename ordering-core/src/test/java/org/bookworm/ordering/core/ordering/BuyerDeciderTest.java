package org.bookworm.ordering.core.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bookworm.ordering.core.testing.DeciderSpec.given;
import static org.bookworm.ordering.core.testing.OrderSamples.ADDRESS;
import static org.bookworm.ordering.core.testing.OrderSamples.BUYER_ID;
import static org.bookworm.ordering.core.testing.OrderSamples.OTHER_ADDRESS;
import static org.bookworm.ordering.core.testing.OrderSamples.T0;
import static org.bookworm.ordering.core.testing.OrderSamples.T1;
import static org.bookworm.ordering.core.testing.OrderSamples.T2;
import static org.bookworm.ordering.core.testing.OrderSamples.T5;

import java.util.List;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.ordering.BuyerCommand.CreateBuyer;
import org.bookworm.ordering.core.ordering.BuyerCommand.DeleteBuyer;
import org.bookworm.ordering.core.ordering.BuyerCommand.UpdateBuyerAddress;
import org.bookworm.ordering.core.ordering.BuyerEvent.BuyerAddressUpdated;
import org.bookworm.ordering.core.ordering.BuyerEvent.BuyerCreated;
import org.bookworm.ordering.core.ordering.BuyerEvent.BuyerDeleted;
import org.bookworm.ordering.core.ordering.BuyerRejection.BuyerAlreadyExists;
import org.bookworm.ordering.core.ordering.BuyerRejection.UnknownBuyer;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every buyer command in every stage of a profile (none, active, deleted), with the exact events or rejection. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class BuyerDeciderTest {
    private static final BuyerDecider DECIDER = new BuyerDecider();
    // BookWorm cut names at 20 characters (defect 10): a long name is a plain value here
    private static final PersonName NAME = new PersonName("Ada Augusta King, Countess of Lovelace, née Byron");
    private static final EmailAddress EMAIL = new EmailAddress("ada@example.org");

    private static final BuyerCreated CREATED = new BuyerCreated(BUYER_ID, NAME, EMAIL, ADDRESS, T0);
    private static final BuyerDeleted DELETED = new BuyerDeleted(BUYER_ID, T1);
    private static final List<BuyerEvent> NONE = List.of();
    private static final List<BuyerEvent> ACTIVE = List.of(CREATED);
    private static final List<BuyerEvent> GONE = List.of(CREATED, DELETED);

    private static final CreateBuyer CREATE = new CreateBuyer(BUYER_ID, NAME, EMAIL, OTHER_ADDRESS, T5);
    private static final UpdateBuyerAddress MOVE = new UpdateBuyerAddress(BUYER_ID, OTHER_ADDRESS, T5);
    private static final UpdateBuyerAddress STAY = new UpdateBuyerAddress(BUYER_ID, ADDRESS, T5);
    private static final DeleteBuyer DELETE = new DeleteBuyer(BUYER_ID, T5);

    @Nested
    class Without_a_profile {
        @Test
        void create_makes_the_profile() {
            var state =
                    given(DECIDER, NONE).when(CREATE).then(new BuyerCreated(BUYER_ID, NAME, EMAIL, OTHER_ADDRESS, T5));
            assertThat(state).isEqualTo(new BuyerState.Active(BUYER_ID, NAME, EMAIL, OTHER_ADDRESS));
        }

        @Test
        void a_profile_without_an_email_address_is_made_too() {
            var state = given(DECIDER, NONE)
                    .when(new CreateBuyer(BUYER_ID, PersonName.ANONYMOUS, null, ADDRESS, T5))
                    .then(new BuyerCreated(BUYER_ID, PersonName.ANONYMOUS, null, ADDRESS, T5));
            assertThat(state).isEqualTo(new BuyerState.Active(BUYER_ID, PersonName.ANONYMOUS, null, ADDRESS));
        }

        @Test
        void an_address_update_is_refused_as_unknown() {
            given(DECIDER, NONE).when(MOVE).thenRejectedWith(new UnknownBuyer(BUYER_ID));
            given(DECIDER, NONE).when(STAY).thenRejectedWith(new UnknownBuyer(BUYER_ID));
        }

        @Test
        void a_delete_is_refused_as_unknown() {
            given(DECIDER, NONE).when(DELETE).thenRejectedWith(new UnknownBuyer(BUYER_ID));
            assertThat(new UnknownBuyer(BUYER_ID).message()).isEqualTo("no buyer profile: create one first");
        }
    }

    @Nested
    class With_an_active_profile {
        @Test
        void a_second_create_is_refused() {
            given(DECIDER, ACTIVE).when(CREATE).thenRejectedWith(new BuyerAlreadyExists(BUYER_ID));
            assertThat(new BuyerAlreadyExists(BUYER_ID).message()).contains("update its address instead");
        }

        @Test
        void a_new_address_is_recorded() {
            var state = given(DECIDER, ACTIVE).when(MOVE).then(new BuyerAddressUpdated(BUYER_ID, OTHER_ADDRESS, T5));
            assertThat(state).isEqualTo(new BuyerState.Active(BUYER_ID, NAME, EMAIL, OTHER_ADDRESS));
        }

        @Test
        void the_same_address_again_changes_nothing() {
            given(DECIDER, ACTIVE).when(STAY).thenNothingHappens();
            given(DECIDER, List.of(CREATED, new BuyerAddressUpdated(BUYER_ID, OTHER_ADDRESS, T1)))
                    .when(MOVE)
                    .thenNothingHappens();
        }

        @Test
        void delete_removes_the_profile() {
            var state = given(DECIDER, ACTIVE).when(DELETE).then(new BuyerDeleted(BUYER_ID, T5));
            assertThat(state).isEqualTo(new BuyerState.Deleted(BUYER_ID));
        }
    }

    @Nested
    class With_a_deleted_profile {
        @Test
        void create_makes_a_new_profile() {
            var state =
                    given(DECIDER, GONE).when(CREATE).then(new BuyerCreated(BUYER_ID, NAME, EMAIL, OTHER_ADDRESS, T5));
            assertThat(state).isInstanceOf(BuyerState.Active.class);
        }

        @Test
        void an_address_update_is_refused_as_unknown() {
            given(DECIDER, GONE).when(MOVE).thenRejectedWith(new UnknownBuyer(BUYER_ID));
        }

        @Test
        void a_second_delete_changes_nothing() {
            given(DECIDER, GONE).when(DELETE).thenNothingHappens();
        }
    }

    @Test
    void events_that_cannot_follow_the_state_are_a_corrupt_stream() {
        assertThatThrownBy(() -> DECIDER.fold(List.of(new BuyerAddressUpdated(BUYER_ID, ADDRESS, T0))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no transition from None on BuyerAddressUpdated");
        assertThatThrownBy(() -> DECIDER.fold(List.of(CREATED, CREATED))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DECIDER.fold(List.of(CREATED, DELETED, new BuyerDeleted(BUYER_ID, T2))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> DECIDER.fold(List.of(DELETED))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_profile_is_never_terminal() {
        assertThat(List.of(NONE, ACTIVE, GONE))
                .allSatisfy(history ->
                        assertThat(DECIDER.isTerminal(DECIDER.fold(history))).isFalse());
    }
}
