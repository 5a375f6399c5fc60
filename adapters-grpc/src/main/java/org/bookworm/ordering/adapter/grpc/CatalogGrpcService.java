package org.bookworm.ordering.adapter.grpc;

import io.grpc.stub.StreamObserver;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.CatalogServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.GetBooksRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.GetBooksResponse;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.PutBookRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.PutBookResponse;
import org.bookworm.ordering.core.catalog.Catalog;

/** bookworm.catalog.v1.CatalogService over the {@link Catalog} port; PutBook is admin only (see the policy). */
final class CatalogGrpcService extends CatalogServiceGrpc.CatalogServiceImplBase {
    private final Catalog catalog;

    CatalogGrpcService(Catalog catalog) {
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
}
