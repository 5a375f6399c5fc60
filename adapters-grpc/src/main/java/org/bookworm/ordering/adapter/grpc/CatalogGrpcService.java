package org.bookworm.ordering.adapter.grpc;

import io.grpc.stub.StreamObserver;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.CatalogServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.GetBooksRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.GetBooksResponse;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.GetStockRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.GetStockResponse;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.PutBookRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.PutBookResponse;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.ReceiveStockRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.ReceiveStockResponse;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.RetireBookRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.RetireBookResponse;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.SetStockRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.SetStockResponse;
import org.bookworm.ordering.core.basket.CatalogService;

/**
 * bookworm.catalog.v1.CatalogService over the core's {@link CatalogService}: translation only. Everything but
 * GetBooks is admin only (see the access policy); ReceiveStock requires a request id.
 */
final class CatalogGrpcService extends CatalogServiceGrpc.CatalogServiceImplBase {
    private final CatalogService catalog;

    CatalogGrpcService(CatalogService catalog) {
        this.catalog = catalog;
    }

    @Override
    public void getBooks(GetBooksRequest request, StreamObserver<GetBooksResponse> responses) {
        Unary.respond(responses, () -> {
            var ids = Wire.bookIds(request.getBookIdsList());
            var books = catalog.books(ids);
            var reply = GetBooksResponse.newBuilder();
            ids.stream().filter(books::containsKey).forEach(id -> reply.addBooks(Replies.book(books.get(id))));
            return reply.build();
        });
    }

    @Override
    public void putBook(PutBookRequest request, StreamObserver<PutBookResponse> responses) {
        Unary.respond(responses, () -> {
            catalog.put(Wire.book(request.hasBook(), request.getBook()));
            return PutBookResponse.getDefaultInstance();
        });
    }

    @Override
    public void retireBook(RetireBookRequest request, StreamObserver<RetireBookResponse> responses) {
        Unary.respond(responses, () -> {
            var book = Errors.answered(catalog.retire(Wire.bookId(request.getBookId())));
            return RetireBookResponse.newBuilder().setBook(Replies.book(book)).build();
        });
    }

    @Override
    public void getStock(GetStockRequest request, StreamObserver<GetStockResponse> responses) {
        Unary.respond(responses, () -> {
            var stock = Errors.answered(catalog.stock(Wire.bookIds(request.getBookIdsList())));
            var reply = GetStockResponse.newBuilder();
            stock.forEach(level -> reply.addStock(Replies.stock(level)));
            return reply.build();
        });
    }

    @Override
    public void setStock(SetStockRequest request, StreamObserver<SetStockResponse> responses) {
        Unary.respond(responses, () -> {
            var book = Wire.bookId(request.getBookId());
            var stock = Errors.answered(catalog.setStock(book, Wire.onHand(request.getOnHand())));
            return SetStockResponse.newBuilder().setStock(Replies.stock(stock)).build();
        });
    }

    @Override
    public void receiveStock(ReceiveStockRequest request, StreamObserver<ReceiveStockResponse> responses) {
        Unary.respond(responses, () -> {
            var requestId = Wire.requestId(request.getRequestId());
            var book = Wire.bookId(request.getBookId());
            var onHand = Errors.answered(catalog.receiveStock(Callers.current(), requestId, book, request.getCopies()));
            return ReceiveStockResponse.newBuilder().setOnHand(onHand).build();
        });
    }
}
