package org.bookworm.ordering.core.app;

import static org.bookworm.ordering.core.decider.Decision.reject;

import java.util.function.Function;
import org.bookworm.ordering.core.buyer.BuyerCommand;
import org.bookworm.ordering.core.buyer.BuyerDecider;
import org.bookworm.ordering.core.buyer.BuyerEvent;
import org.bookworm.ordering.core.buyer.BuyerRejection;
import org.bookworm.ordering.core.buyer.BuyerState;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.port.Metadata;
import org.bookworm.ordering.core.port.StreamId;
import org.bookworm.ordering.core.port.StreamType;

/** Buyer profiles: a user creates and updates their own; admins may delete any (another's is {@code UnknownBuyer}). */
public final class BuyerService {
    private final EventSourcedRunner<BuyerCommand, BuyerState, BuyerEvent, BuyerRejection> runner;
    private final EventSourcedRunner.Stores stores;

    public BuyerService(EventSourcedRunner.Stores stores) {
        this.stores = stores;
        this.runner = new EventSourcedRunner<>(
                new BuyerDecider(), BuyerDecider.VERSION, BuyerState.class, BuyerEvent.class, stores, 0);
    }

    public static StreamId stream(BuyerId buyer) {
        return StreamId.of(StreamType.BUYER, buyer.value());
    }

    /** Creates the caller's own profile; the id is the caller's subject. */
    public Outcome<BuyerRejection> create(Caller caller, PersonName name, EmailAddress email, Address address) {
        BuyerId buyer = caller.buyerId();
        return execute(caller, buyer, state -> new BuyerCommand.CreateBuyer(buyer, name, email, address, now()));
    }

    public Outcome<BuyerRejection> updateAddress(Caller caller, BuyerId buyer, Address address) {
        return execute(caller, buyer, state -> new BuyerCommand.UpdateBuyerAddress(buyer, address, now()));
    }

    public Outcome<BuyerRejection> delete(Caller caller, BuyerId buyer) {
        return execute(caller, buyer, state -> new BuyerCommand.DeleteBuyer(buyer, now()));
    }

    public BuyerState load(Caller caller, BuyerId buyer) {
        return caller.mayActOn(buyer) ? runner.load(stream(buyer)).state() : new BuyerState.None();
    }

    private Outcome<BuyerRejection> execute(Caller caller, BuyerId buyer, Function<BuyerState, BuyerCommand> command) {
        var metadata =
                new Metadata(caller.subject(), caller.roleNames(), stores.ids().next(), null, null);
        return runner.run(
                stream(buyer),
                metadata,
                null,
                state -> caller.mayActOn(buyer)
                        ? runner.decider().decide(command.apply(state), state)
                        : reject(new BuyerRejection.UnknownBuyer(buyer)));
    }

    private java.time.Instant now() {
        return stores.clock().instant();
    }
}
