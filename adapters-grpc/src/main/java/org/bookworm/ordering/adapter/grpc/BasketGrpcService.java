package org.bookworm.ordering.adapter.grpc;

import io.grpc.stub.StreamObserver;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.AddItemRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.AddItemResponse;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.BasketServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.DeleteBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.DeleteBasketResponse;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.GetBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.GetBasketResponse;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.RemoveItemRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.RemoveItemResponse;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.ReplaceBasketRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.ReplaceBasketResponse;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.SetItemRequest;
import org.bookworm.ordering.adapter.grpc.proto.basket.v1.SetItemResponse;
import org.bookworm.ordering.core.basket.BasketService;

/**
 * bookworm.basket.v1.BasketService: translation only, to the core's {@link BasketService} (the caller's basket).
 * AddItem and RemoveItem require a request id; the others take one if sent (they are idempotent by nature).
 */
final class BasketGrpcService extends BasketServiceGrpc.BasketServiceImplBase {
    private final BasketService baskets;

    BasketGrpcService(BasketService baskets) {
        this.baskets = baskets;
    }

    @Override
    public void getBasket(GetBasketRequest request, StreamObserver<GetBasketResponse> responses) {
        Unary.respond(
                responses,
                () -> GetBasketResponse.newBuilder()
                        .setBasket(Replies.basket(baskets.get(Callers.current())))
                        .build());
    }

    @Override
    public void replaceBasket(ReplaceBasketRequest request, StreamObserver<ReplaceBasketResponse> responses) {
        Unary.respond(responses, () -> {
            var requestId = Wire.optionalRequestId(request.getRequestId());
            var items = Wire.basketItems(request.getItemsList());
            var basket = Errors.answered(baskets.replace(Callers.current(), requestId, items));
            return ReplaceBasketResponse.newBuilder()
                    .setBasket(Replies.basket(basket))
                    .build();
        });
    }

    @Override
    public void addItem(AddItemRequest request, StreamObserver<AddItemResponse> responses) {
        Unary.respond(responses, () -> {
            var requestId = Wire.requestId(request.getRequestId());
            var item = Wire.basketItem(request.hasItem(), request.getItem());
            var basket = Errors.answered(baskets.add(Callers.current(), requestId, item.book(), item.quantity()));
            return AddItemResponse.newBuilder()
                    .setBasket(Replies.basket(basket))
                    .build();
        });
    }

    @Override
    public void setItem(SetItemRequest request, StreamObserver<SetItemResponse> responses) {
        Unary.respond(responses, () -> {
            var requestId = Wire.optionalRequestId(request.getRequestId());
            var item = Wire.basketItem(request.hasItem(), request.getItem());
            var basket = Errors.answered(baskets.set(Callers.current(), requestId, item.book(), item.quantity()));
            return SetItemResponse.newBuilder()
                    .setBasket(Replies.basket(basket))
                    .build();
        });
    }

    @Override
    public void removeItem(RemoveItemRequest request, StreamObserver<RemoveItemResponse> responses) {
        Unary.respond(responses, () -> {
            var requestId = Wire.requestId(request.getRequestId());
            var book = Wire.bookId(request.getBookId());
            var basket = Errors.answered(baskets.remove(Callers.current(), requestId, book));
            return RemoveItemResponse.newBuilder()
                    .setBasket(Replies.basket(basket))
                    .build();
        });
    }

    @Override
    public void deleteBasket(DeleteBasketRequest request, StreamObserver<DeleteBasketResponse> responses) {
        Unary.respond(responses, () -> {
            var requestId = Wire.optionalRequestId(request.getRequestId());
            Errors.answered(baskets.delete(Callers.current(), requestId));
            return DeleteBasketResponse.getDefaultInstance();
        });
    }
}
