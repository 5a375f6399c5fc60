package org.bookworm.ordering.adapter.grpc;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.BookCatalogServiceGrpc;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.GetCatalogBooksRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.PutCatalogBookRequest;
import org.bookworm.ordering.adapter.grpc.proto.internal.basket.v1.RetireCatalogBookRequest;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.basket.Catalog;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;

/**
 * Basket's {@link Catalog} in another process, over {@code bookworm.internal.basket.v1.BookCatalogService}: Ordering's
 * checkout reads the basket's books and prices here when Basket does not run beside it (ADR 0031). Every call has a
 * deadline; UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED and ABORTED are a transient {@link StoreUnavailable}.
 * Passes {@code CatalogContract}.
 */
final class GrpcCatalog implements Catalog {
    private final BookCatalogServiceGrpc.BookCatalogServiceBlockingStub stub;
    private final Duration deadline;

    GrpcCatalog(Channel channel, Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("a catalog call's deadline is positive, not " + deadline);
        }
        this.stub = BookCatalogServiceGrpc.newBlockingStub(channel);
        this.deadline = deadline;
    }

    @Override
    public Map<BookId, Book> books(Collection<BookId> ids) {
        var answer = call(
                "books",
                catalog -> catalog.getCatalogBooks(GetCatalogBooksRequest.newBuilder()
                        .addAllBookIds(ids.stream().map(BookId::toString).toList())
                        .build()));
        var books = new HashMap<BookId, Book>();
        answer.getBooksList()
                .forEach(
                        book -> books.put(BookId.parse(book.getBookId()), InternalCatalogGrpcService.book(true, book)));
        return Map.copyOf(books);
    }

    @Override
    public void put(Book book) {
        call(
                "put",
                catalog -> catalog.putCatalogBook(PutCatalogBookRequest.newBuilder()
                        .setBook(Replies.book(book))
                        .build()));
    }

    @Override
    public boolean retire(BookId id) {
        return call(
                        "retire",
                        catalog -> catalog.retireCatalogBook(RetireCatalogBookRequest.newBuilder()
                                .setBookId(id.toString())
                                .build()))
                .getKnown();
    }

    private <T> T call(String what, Function<BookCatalogServiceGrpc.BookCatalogServiceBlockingStub, T> rpc) {
        try {
            return rpc.apply(stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS));
        } catch (StatusRuntimeException failed) {
            throw RemoteFailures.of("Basket's catalog (" + what + ")", failed, StoreUnavailable::new);
        }
    }
}
