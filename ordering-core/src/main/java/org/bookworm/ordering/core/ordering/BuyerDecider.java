package org.bookworm.ordering.core.ordering;

import static org.bookworm.ordering.core.eventsourcing.Decision.accept;
import static org.bookworm.ordering.core.eventsourcing.Decision.reject;

import java.util.List;
import org.bookworm.ordering.core.eventsourcing.Decider;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.ordering.BuyerCommand.CreateBuyer;
import org.bookworm.ordering.core.ordering.BuyerCommand.DeleteBuyer;
import org.bookworm.ordering.core.ordering.BuyerCommand.UpdateBuyerAddress;
import org.bookworm.ordering.core.ordering.BuyerEvent.BuyerAddressUpdated;
import org.bookworm.ordering.core.ordering.BuyerEvent.BuyerCreated;
import org.bookworm.ordering.core.ordering.BuyerEvent.BuyerDeleted;
import org.bookworm.ordering.core.ordering.BuyerRejection.BuyerAlreadyExists;
import org.bookworm.ordering.core.ordering.BuyerRejection.UnknownBuyer;
import org.bookworm.ordering.core.ordering.BuyerState.Active;
import org.bookworm.ordering.core.ordering.BuyerState.Deleted;
import org.bookworm.ordering.core.ordering.BuyerState.None;

/**
 * Buyer profiles. Guarantees: one profile per user; an address update to the same address changes nothing; deleting a
 * deleted profile changes nothing (a repeated delete answers as the first did); a deleted profile is unknown to
 * address updates until it is created again. A profile may have no e-mail address.
 */
public final class BuyerDecider implements Decider<BuyerCommand, BuyerState, BuyerEvent, BuyerRejection> {

    public static final int VERSION = 1;

    @Override
    public BuyerState initialState() {
        return new None();
    }

    @Override
    public boolean isTerminal(BuyerState state) {
        return false;
    }

    @Override
    public Decision<BuyerEvent, BuyerRejection> decide(BuyerCommand command, BuyerState state) {
        return switch (command) {
            case CreateBuyer c when state instanceof Active -> reject(new BuyerAlreadyExists(c.buyerId()));
            case CreateBuyer c -> accept(new BuyerCreated(c.buyerId(), c.name(), c.email(), c.address(), c.at()));
            case UpdateBuyerAddress c
            when state instanceof Active active && active.address().equals(c.address()) ->
                Decision.acceptAll(List.of());
            case UpdateBuyerAddress c
            when state instanceof Active -> accept(new BuyerAddressUpdated(c.buyerId(), c.address(), c.at()));
            case UpdateBuyerAddress c -> reject(new UnknownBuyer(c.buyerId()));
            case DeleteBuyer c when state instanceof Active -> accept(new BuyerDeleted(c.buyerId(), c.at()));
            case DeleteBuyer c when state instanceof Deleted -> Decision.acceptAll(List.of());
            case DeleteBuyer c -> reject(new UnknownBuyer(c.buyerId()));
        };
    }

    @Override
    public BuyerState evolve(BuyerState state, BuyerEvent event) {
        return switch (event) {
            case BuyerCreated e
            when !(state instanceof Active) -> new Active(e.buyerId(), e.name(), e.email(), e.address());
            case BuyerAddressUpdated e
            when state instanceof Active a -> new Active(a.id(), a.name(), a.email(), e.address());
            case BuyerDeleted e when state instanceof Active -> new Deleted(e.buyerId());
            default ->
                throw new IllegalStateException(
                        "no transition from " + state.getClass().getSimpleName() + " on "
                                + event.getClass().getSimpleName());
        };
    }
}
