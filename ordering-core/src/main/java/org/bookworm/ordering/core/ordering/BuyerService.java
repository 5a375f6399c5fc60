package org.bookworm.ordering.core.ordering;

import static org.bookworm.ordering.core.eventsourcing.Decision.reject;

import java.time.Instant;
import java.util.function.Function;
import org.bookworm.ordering.core.common.Address;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.EmailAddress;
import org.bookworm.ordering.core.common.Permission;
import org.bookworm.ordering.core.common.PersonName;
import org.bookworm.ordering.core.eventsourcing.Decision;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner.IdempotencyRequest;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.RequestHash;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.eventsourcing.StreamType;
import org.jspecify.annotations.Nullable;

/**
 * Buyer profiles: a user creates and updates their own; admins may delete any (another's is {@code UnknownBuyer} to a
 * buyer). A profile takes its name and e-mail address from the request, else from the caller's token ({@link
 * Caller.Claims}); with neither, the name is "anonymous" and the profile has no e-mail address. A request id, when
 * given, is honoured: the same id with the same request answers the first outcome and writes nothing, also when the
 * two race; with another request it is {@link IdempotencyKeyReused}. Refusals about a missing profile are worded for
 * who asks: the owner is told to create one, an admin is told which buyer is missing ({@code NoSuchBuyer}).
 */
public final class BuyerService {
    /** The kind of the streams this service owns: {@code buyer-<id>}. */
    public static final StreamType STREAM = StreamType.of("buyer");

    private final EventSourcedRunner<BuyerCommand, BuyerState, BuyerEvent, BuyerRejection> runner;
    private final EventSourcedRunner.Stores stores;

    /** A profile as the caller may see it: found, or missing with the reason worded for the caller. */
    public sealed interface Profile {
        record Found(BuyerState.Active buyer) implements Profile {}

        record Missing(BuyerRejection reason) implements Profile {}
    }

    public BuyerService(EventSourcedRunner.Stores stores) {
        this.stores = stores;
        this.runner = new EventSourcedRunner<>(
                new BuyerDecider(), BuyerDecider.VERSION, BuyerState.class, BuyerEvent.class, stores, 0);
    }

    public static StreamId stream(BuyerId buyer) {
        return StreamId.of(BuyerService.STREAM, buyer.value());
    }

    /** Creates the caller's own profile with the given name and e-mail address, without a request id. */
    public Outcome<BuyerRejection> create(Caller caller, PersonName name, EmailAddress email, Address address) {
        return create(caller, null, name, email, address);
    }

    /**
     * Creates the caller's own profile; the id is the caller's subject. A null name or e-mail address is taken from
     * the token's claims. @throws IllegalArgumentException if a claim that is needed is not a valid name or address
     */
    public Outcome<BuyerRejection> create(
            Caller caller,
            @Nullable String requestId,
            @Nullable PersonName name,
            @Nullable EmailAddress email,
            Address address) {
        BuyerId buyer = caller.buyerId();
        PersonName named = name != null ? name : claimedName(caller);
        EmailAddress mailTo = email != null ? email : claimedEmail(caller);
        var key = key(caller, requestId, "CreateBuyer", name, email, address);
        return execute(caller, buyer, key, state -> new BuyerCommand.CreateBuyer(buyer, named, mailTo, address, now()));
    }

    public Outcome<BuyerRejection> updateAddress(Caller caller, BuyerId buyer, Address address) {
        return updateAddress(caller, null, buyer, address);
    }

    /** Sets the address: the same address again appends nothing and answers the current version. */
    public Outcome<BuyerRejection> updateAddress(
            Caller caller, @Nullable String requestId, BuyerId buyer, Address address) {
        var key = key(caller, requestId, "UpdateBuyerAddress", buyer, address);
        return execute(caller, buyer, key, state -> new BuyerCommand.UpdateBuyerAddress(buyer, address, now()));
    }

    public Outcome<BuyerRejection> delete(Caller caller, BuyerId buyer) {
        return delete(caller, null, buyer);
    }

    /** Deletes the profile; deleting it again appends nothing and answers the version of the deletion. */
    public Outcome<BuyerRejection> delete(Caller caller, @Nullable String requestId, BuyerId buyer) {
        var key = key(caller, requestId, "DeleteBuyer", buyer);
        return execute(caller, buyer, key, state -> new BuyerCommand.DeleteBuyer(buyer, now()));
    }

    public BuyerState load(Caller caller, BuyerId buyer) {
        return Permission.OWNER.grants(caller, buyer)
                ? runner.load(stream(buyer)).state()
                : new BuyerState.None();
    }

    /** The active profile the caller may see, or why there is none, worded for the caller. */
    public Profile profile(Caller caller, BuyerId buyer) {
        return load(caller, buyer) instanceof BuyerState.Active active
                ? new Profile.Found(active)
                : new Profile.Missing(forCaller(caller, new BuyerRejection.UnknownBuyer(buyer)));
    }

    private Outcome<BuyerRejection> execute(
            Caller caller,
            BuyerId buyer,
            @Nullable IdempotencyRequest key,
            Function<BuyerState, BuyerCommand> command) {
        var metadata = new Metadata(
                caller.subject(), caller.roleNames(), stores.ids().next(), null, key == null ? null : key.key());
        var decide = decider(caller, buyer, command);
        // a racing twin of this very request waits on its claim and answers its outcome: it never decides again
        Outcome<BuyerRejection> outcome = runner.run(stream(buyer), metadata, key, decide);
        if (outcome instanceof Outcome.Refused<BuyerRejection> refused) {
            return new Outcome.Refused<>(forCaller(caller, refused.reason()));
        }
        return outcome;
    }

    /** Another user's profile is unknown to a buyer; anyone else's command is decided on the profile. */
    private Function<BuyerState, Decision<BuyerEvent, BuyerRejection>> decider(
            Caller caller, BuyerId buyer, Function<BuyerState, BuyerCommand> command) {
        return state -> Permission.OWNER.grants(caller, buyer)
                ? runner.decider().decide(command.apply(state), state)
                : reject(new BuyerRejection.UnknownBuyer(buyer));
    }

    /** An admin acting on someone else's profile is told which buyer is missing, not to create a profile. */
    private static BuyerRejection forCaller(Caller caller, BuyerRejection reason) {
        boolean ownProfile = caller.subject().equals(reason.buyerId().toString());
        return reason instanceof BuyerRejection.UnknownBuyer unknown && caller.isAdmin() && !ownProfile
                ? new BuyerRejection.NoSuchBuyer(unknown.buyerId())
                : reason;
    }

    private static @Nullable IdempotencyRequest key(Caller caller, @Nullable String requestId, Object... request) {
        return requestId == null ? null : new IdempotencyRequest(caller.subject(), requestId, RequestHash.of(request));
    }

    private static PersonName claimedName(Caller caller) {
        String claim = caller.claims().name();
        return claim == null ? PersonName.ANONYMOUS : claimed("name", claim, PersonName::new);
    }

    private static @Nullable EmailAddress claimedEmail(Caller caller) {
        String claim = caller.claims().email();
        return claim == null ? null : claimed("email", claim, EmailAddress::new);
    }

    private static <T> T claimed(String claim, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException unusable) {
            throw new IllegalArgumentException("the token's " + claim + " claim cannot be used ("
                    + unusable.getMessage() + "): send " + claim + " in the request");
        }
    }

    private Instant now() {
        return stores.clock().instant();
    }
}
