package org.bookworm.ordering.adapter.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.lang.System.Logger.Level;
import org.bookworm.ordering.core.basket.BasketAnswer;
import org.bookworm.ordering.core.basket.BasketRejection;
import org.bookworm.ordering.core.basket.BasketStoreUnavailable;
import org.bookworm.ordering.core.basket.CatalogAnswer;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.ConflictPersisted;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeyReused;
import org.bookworm.ordering.core.eventsourcing.RequestInFlight;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.bookworm.ordering.core.ordering.BuyerRejection;
import org.bookworm.ordering.core.ordering.CheckoutRejection;
import org.bookworm.ordering.core.ordering.OrderRejection;

/**
 * The one mapping from the core's refusals and failures to gRPC statuses. Rejections are mapped exhaustively (a new
 * rejection does not compile until it is mapped); anything unexpected is {@code INTERNAL} with no detail on the wire.
 */
final class Errors {
    private static final System.Logger LOG = System.getLogger(Errors.class.getName());

    private Errors() {}

    static StatusRuntimeException refused(OrderRejection rejection) {
        Status status = switch (rejection) {
            case OrderRejection.EmptyOrder r -> Status.INVALID_ARGUMENT;
            case OrderRejection.AlreadyPlaced r -> Status.ALREADY_EXISTS;
            case OrderRejection.UnknownOrder r -> Status.NOT_FOUND; // also another buyer's order
            case OrderRejection.NotAllowed r -> Status.FAILED_PRECONDITION;
            case OrderRejection.UnknownLine r -> Status.FAILED_PRECONDITION;
            case OrderRejection.ExceedsOpenQuantity r -> Status.FAILED_PRECONDITION;
            case OrderRejection.LastLine r -> Status.FAILED_PRECONDITION;
            case OrderRejection.Forbidden r -> Status.PERMISSION_DENIED;
        };
        return status.withDescription(rejection.message()).asRuntimeException();
    }

    static StatusRuntimeException refused(BuyerRejection rejection) {
        Status status = switch (rejection) {
            case BuyerRejection.BuyerAlreadyExists r -> Status.ALREADY_EXISTS;
            case BuyerRejection.UnknownBuyer r -> Status.NOT_FOUND; // also another user's profile
            case BuyerRejection.NoSuchBuyer r -> Status.NOT_FOUND;
        };
        return status.withDescription(rejection.message()).asRuntimeException();
    }

    /** Checkout's own reasons, and the order's rejections it passes on, each mapped as its family says. */
    static StatusRuntimeException refused(CheckoutRejection rejection) {
        return switch (rejection) {
            case OrderRejection order -> refused(order);
            case CheckoutRejection.NoBuyerProfile r -> failedPrecondition(r);
            case CheckoutRejection.EmptyBasket r -> failedPrecondition(r);
            case CheckoutRejection.UnknownBook r -> failedPrecondition(r);
            case CheckoutRejection.RetiredBook r -> failedPrecondition(r);
            case CheckoutRejection.BasketAlreadyCheckedOut r -> failedPrecondition(r);
            case CheckoutRejection.OutOfStock r -> failedPrecondition(r);
            case CheckoutRejection.PaymentDeclined r -> failedPrecondition(r);
            case CheckoutRejection.CheckoutNotConfirmed r -> failedPrecondition(r);
        };
    }

    private static StatusRuntimeException failedPrecondition(CheckoutRejection rejection) {
        return Status.FAILED_PRECONDITION.withDescription(rejection.message()).asRuntimeException();
    }

    static StatusRuntimeException refused(BasketRejection rejection) {
        Status status = switch (rejection) {
            case BasketRejection.TooManyCopies r -> Status.INVALID_ARGUMENT;
            case BasketRejection.TooManyBooks r -> Status.INVALID_ARGUMENT;
            case BasketRejection.BookListedTwice r -> Status.INVALID_ARGUMENT;
            case BasketRejection.NotInBasket r -> Status.NOT_FOUND;
            case BasketRejection.CheckedOutByAnotherOrder r -> Status.FAILED_PRECONDITION;
        };
        return status.withDescription(rejection.message()).asRuntimeException();
    }

    /** The basket after a change, or the change's refusal as a status. */
    static <T> T answered(BasketAnswer<T> answer) {
        return switch (answer) {
            case BasketAnswer.Done<T> done -> done.basket();
            case BasketAnswer.Refused<T> refused -> throw refused(refused.reason());
            case BasketAnswer.RequestReused<T> reused -> throw requestIdReused();
        };
    }

    /** The value of a catalog administration call, or its refusal as a status (worded for the admin). */
    static <T> T answered(CatalogAnswer<T> answer) {
        return switch (answer) {
            case CatalogAnswer.Done<T> done -> done.value();
            case CatalogAnswer.Refused<T> refused ->
                throw (switch (refused.reason()) {
                            case CatalogAnswer.Rejection.UnknownBook r -> Status.NOT_FOUND;
                            case CatalogAnswer.Rejection.DeliveryIdReused r -> Status.FAILED_PRECONDITION;
                        })
                        .withDescription(refused.reason().message())
                        .asRuntimeException();
        };
    }

    /**
     * {@code INVALID_ARGUMENT} with one {@code google.rpc.BadRequest} field violation per bad field, and a message
     * that lists them all.
     */
    static StatusRuntimeException badRequest(InvalidFields invalid) {
        var details = BadRequest.newBuilder();
        invalid.violations()
                .forEach((field, why) -> details.addFieldViolations(
                        BadRequest.FieldViolation.newBuilder().setField(field).setDescription(why)));
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT.getNumber())
                .setMessage(invalid.getMessage())
                .addDetails(Any.pack(details.build()))
                .build());
    }

    /** The failure as the exception a call ends with; a status that carries details (trailers) keeps them. */
    static StatusRuntimeException asException(Throwable failure) {
        return switch (failure) {
            case StatusRuntimeException withStatus -> withStatus;
            case InvalidFields invalid -> badRequest(invalid);
            default -> statusOf(failure).asRuntimeException();
        };
    }

    private static StatusRuntimeException requestIdReused() {
        return Status.FAILED_PRECONDITION
                .withDescription("request id reused with a different request: use a new request id")
                .asRuntimeException();
    }

    static StatusRuntimeException notFound(String what) {
        return Status.NOT_FOUND.withDescription(what).asRuntimeException();
    }

    static Status statusOf(Throwable failure) {
        return switch (failure) {
            case StatusRuntimeException e -> e.getStatus();
            case StatusException e -> e.getStatus();
            case ConflictPersisted e -> Status.ABORTED.withDescription("the order changed concurrently: try again");
            case ConcurrencyConflict e -> Status.ABORTED.withDescription("the order changed concurrently: try again");
            case RequestInFlight e -> Status.ABORTED.withDescription(e.getMessage());
            case IdempotencyKeyReused e ->
                Status.FAILED_PRECONDITION.withDescription(
                        "request id reused with a different request: use a new request id");
            case StoreUnavailable e -> Status.UNAVAILABLE.withDescription("store unavailable: retry later");
            case BasketStoreUnavailable e -> Status.UNAVAILABLE.withDescription("basket store unavailable");
            case IllegalArgumentException e -> Status.INVALID_ARGUMENT.withDescription(e.getMessage());
            default -> internal(failure);
        };
    }

    private static Status internal(Throwable failure) {
        // the cause stays in the server log; the client learns nothing about our internals
        LOG.log(Level.ERROR, "unexpected failure in a gRPC call", failure);
        return Status.INTERNAL.withDescription("internal error");
    }
}
