package org.bookworm.ordering.adapter.grpc;

import io.grpc.stub.StreamObserver;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.BookCatalogServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.GetCatalogBooksRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.GetCatalogBooksResponse;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.PutCatalogBookRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.PutCatalogBookResponse;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.RetireCatalogBookRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.RetireCatalogBookResponse;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.basket.Catalog;

/**
 * Basket's {@link Catalog} for the deployment's other processes ({@code bookworm.internal.basket.v1}, ADR 0031): each
 * RPC is one call of the port; books carry their retired flag both ways.
 */
final class InternalCatalogGrpcService extends BookCatalogServiceGrpc.BookCatalogServiceImplBase {
    private final Catalog catalog;

    InternalCatalogGrpcService(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void getCatalogBooks(GetCatalogBooksRequest request, StreamObserver<GetCatalogBooksResponse> responses) {
        Unary.respond(
                responses,
                () -> GetCatalogBooksResponse.newBuilder()
                        .addAllBooks(
                                catalog
                                        .books(request.getBookIdsList().stream()
                                                .map(Wire::bookId)
                                                .toList())
                                        .values()
                                        .stream()
                                        .map(Replies::book)
                                        .toList())
                        .build());
    }

    @Override
    public void putCatalogBook(PutCatalogBookRequest request, StreamObserver<PutCatalogBookResponse> responses) {
        Unary.respond(responses, () -> {
            catalog.put(book(request.hasBook(), request.getBook()));
            return PutCatalogBookResponse.getDefaultInstance();
        });
    }

    @Override
    public void retireCatalogBook(
            RetireCatalogBookRequest request, StreamObserver<RetireCatalogBookResponse> responses) {
        Unary.respond(
                responses,
                () -> RetireCatalogBookResponse.newBuilder()
                        .setKnown(catalog.retire(Wire.bookId(request.getBookId())))
                        .build());
    }

    /** A book as the wire carries it, retired flag included (the public API's books never set it on input). */
    static Book book(boolean present, org.bookworm.ordering.adapter.grpc.proto.catalog.v1.Book book) {
        Book parsed = Wire.book(present, book);
        return book.getRetired() ? parsed.asRetired() : parsed;
    }
}
