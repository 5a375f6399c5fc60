package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.DUNE;
import static org.bookworm.ordering.adapter.grpc.ApiFixture.EMMA;
import static org.bookworm.ordering.adapter.grpc.OrderingServiceTest.usd;
import static org.bookworm.ordering.adapter.grpc.Statuses.assertCode;

import io.grpc.Status.Code;
import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.Book;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.GetBooksRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.PutBookRequest;
import org.bookworm.ordering.adapter.grpc.proto.catalog.v1.StockStatus;
import org.bookworm.ordering.core.common.BookId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class CatalogServiceTest {
    private static final BookId NEW_BOOK = BookId.parse("0192f0c8-0000-7000-8000-000000000010");
    private final ApiFixture api = new ApiFixture();
    private final String userToken = api.tokens.user(UUID.randomUUID());
    private final String adminToken = api.tokens.admin(UUID.randomUUID());

    @AfterEach
    void close() {
        api.close();
    }

    @Test
    void books_come_with_exact_prices_and_unknown_ids_are_left_out() {
        var books = api.catalog(userToken)
                .getBooks(GetBooksRequest.newBuilder()
                        .addAllBookIds(List.of(DUNE.toString(), EMMA.toString(), NEW_BOOK.toString()))
                        .build())
                .getBooksList();
        assertThat(books).extracting(Book::getTitle).containsExactly("Dune", "Emma");
        assertThat(books.get(0).getPrice()).isEqualTo(usd(12, 500_000_000));
        assertThat(books.get(0).hasSalePrice()).isFalse();
        assertThat(books.get(1).getSalePrice()).isEqualTo(usd(7, 0));
    }

    @Test
    void only_admins_put_books_and_bad_prices_are_refused() {
        var book = Book.newBuilder()
                .setBookId(NEW_BOOK.toString())
                .setTitle("Ulysses")
                .setPrice(usd(20, 0))
                .setStockStatus(StockStatus.STOCK_STATUS_IN_STOCK)
                .build();
        var put = PutBookRequest.newBuilder().setBook(book).build();
        assertCode(Code.PERMISSION_DENIED, () -> api.catalog(userToken).putBook(put));
        assertCode(
                Code.INVALID_ARGUMENT,
                () -> api.catalog(adminToken)
                        .putBook(PutBookRequest.newBuilder()
                                .setBook(book.toBuilder().setPrice(usd(20, 5)))
                                .build()));
        assertCode(
                Code.INVALID_ARGUMENT,
                () -> api.catalog(adminToken)
                        .putBook(PutBookRequest.newBuilder()
                                .setBook(book.toBuilder().setStockStatusValue(42))
                                .build()));
        assertThat(api.catalog.books(List.of(NEW_BOOK))).isEmpty();

        api.catalog(adminToken).putBook(put);
        assertThat(api.catalog.books(List.of(NEW_BOOK))).containsKey(NEW_BOOK);
    }
}
