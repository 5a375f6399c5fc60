package org.bookworm.ordering.adapter.grpc;

import io.grpc.stub.StreamObserver;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.BuyerServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CreateBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.CreateBuyerResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.DeleteBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.DeleteBuyerResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetBuyerRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.GetBuyerResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListBuyersRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.ListBuyersResponse;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.UpdateBuyerAddressRequest;
import org.bookworm.ordering.adapter.grpc.proto.ordering.v1.UpdateBuyerAddressResponse;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.ordering.BuyerRejection;
import org.bookworm.ordering.core.ordering.BuyerService;
import org.bookworm.ordering.core.ordering.BuyerViews;

/** bookworm.ordering.v1.BuyerService: translation only, to {@link BuyerService} and the buyer read model. */
final class BuyerGrpcService extends BuyerServiceGrpc.BuyerServiceImplBase {
    private final BuyerService buyers;
    private final BuyerViews views;

    BuyerGrpcService(BuyerService buyers, BuyerViews views) {
        this.buyers = buyers;
        this.views = views;
    }

    @Override
    public void createBuyer(CreateBuyerRequest request, StreamObserver<CreateBuyerResponse> responses) {
        Unary.respond(responses, () -> {
            var caller = Callers.current();
            var done = done(buyers.create(
                    caller,
                    Wire.requestId(request.getRequestId()),
                    request.getName().isEmpty() ? null : Wire.name(request.getName()),
                    request.getEmail().isEmpty() ? null : Wire.email(request.getEmail()),
                    Wire.address(request.hasAddress(), request.getAddress())));
            return CreateBuyerResponse.newBuilder()
                    .setBuyerId(caller.buyerId().toString())
                    .setVersion(done.version())
                    .build();
        });
    }

    @Override
    public void getBuyer(GetBuyerRequest request, StreamObserver<GetBuyerResponse> responses) {
        Unary.respond(responses, () -> {
            var caller = Callers.current();
            return switch (buyers.profile(caller, buyerOf(caller, request.getBuyerId()))) {
                case BuyerService.Profile.Found found ->
                    GetBuyerResponse.newBuilder()
                            .setBuyer(Replies.buyer(found.buyer()))
                            .build();
                case BuyerService.Profile.Missing missing -> throw Errors.refused(missing.reason());
            };
        });
    }

    @Override
    public void updateBuyerAddress(
            UpdateBuyerAddressRequest request, StreamObserver<UpdateBuyerAddressResponse> responses) {
        Unary.respond(responses, () -> {
            var caller = Callers.current();
            var done = done(buyers.updateAddress(
                    caller,
                    Wire.optionalRequestId(request.getRequestId()),
                    buyerOf(caller, request.getBuyerId()),
                    Wire.address(request.hasAddress(), request.getAddress())));
            return UpdateBuyerAddressResponse.newBuilder()
                    .setVersion(done.version())
                    .build();
        });
    }

    @Override
    public void listBuyers(ListBuyersRequest request, StreamObserver<ListBuyersResponse> responses) {
        Unary.respond(responses, () -> {
            var page = views.list(Wire.page(request.getPageSize(), request.getPageToken()));
            var reply = ListBuyersResponse.newBuilder();
            page.items().forEach(buyer -> reply.addBuyers(Replies.buyer(buyer)));
            return reply.setNextPageToken(page.nextToken() == null ? "" : page.nextToken())
                    .build();
        });
    }

    @Override
    public void deleteBuyer(DeleteBuyerRequest request, StreamObserver<DeleteBuyerResponse> responses) {
        Unary.respond(responses, () -> {
            var done = done(buyers.delete(
                    Callers.current(),
                    Wire.optionalRequestId(request.getRequestId()),
                    Wire.buyerId(request.getBuyerId())));
            return DeleteBuyerResponse.newBuilder().setVersion(done.version()).build();
        });
    }

    /** An empty buyer id means the caller's own profile. */
    private static BuyerId buyerOf(Caller caller, String buyerId) {
        return buyerId.isEmpty() ? caller.buyerId() : Wire.buyerId(buyerId);
    }

    private static Outcome.Done<BuyerRejection> done(Outcome<BuyerRejection> outcome) {
        return switch (outcome) {
            case Outcome.Done<BuyerRejection> done -> done;
            case Outcome.Refused<BuyerRejection> refused -> throw Errors.refused(refused.reason());
        };
    }
}
