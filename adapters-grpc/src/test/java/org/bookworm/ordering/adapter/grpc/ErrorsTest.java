package org.bookworm.ordering.adapter.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status.Code;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.core.basket.BasketRejection;
import org.bookworm.ordering.core.basket.BasketStoreUnavailable;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.InvalidPageToken;
import org.bookworm.ordering.core.eventsourcing.ConcurrencyConflict;
import org.bookworm.ordering.core.eventsourcing.ConflictPersisted;
import org.bookworm.ordering.core.eventsourcing.IdempotencyKeyReused;
import org.bookworm.ordering.core.eventsourcing.RequestInFlight;
import org.bookworm.ordering.core.eventsourcing.StoreUnavailable;
import org.bookworm.ordering.core.eventsourcing.StreamId;
import org.bookworm.ordering.core.ordering.BuyerRejection;
import org.bookworm.ordering.core.ordering.CheckoutRejection;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderRejection;
import org.bookworm.ordering.core.ordering.OrderService;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class ErrorsTest {
    private static final OrderId ORDER = new OrderId(UUID.randomUUID());
    private static final BookId BOOK = new BookId(UUID.randomUUID());
    private static final BuyerId BUYER = new BuyerId(UUID.randomUUID());

    @Test
    void every_order_rejection_has_its_status_and_its_message() {
        Map<OrderRejection, Code> expected = Map.of(
                new OrderRejection.EmptyOrder(ORDER), Code.INVALID_ARGUMENT,
                new OrderRejection.AlreadyPlaced(ORDER), Code.ALREADY_EXISTS,
                new OrderRejection.UnknownOrder(ORDER), Code.NOT_FOUND,
                new OrderRejection.NotAllowed(ORDER, "ship", "Cancelled"), Code.FAILED_PRECONDITION,
                new OrderRejection.UnknownLine(ORDER, BOOK), Code.FAILED_PRECONDITION,
                new OrderRejection.ExceedsOpenQuantity(ORDER, BOOK, 3, 1), Code.FAILED_PRECONDITION,
                new OrderRejection.LastLine(ORDER, BOOK), Code.FAILED_PRECONDITION,
                new OrderRejection.Forbidden(ORDER, "ship"), Code.PERMISSION_DENIED);
        assertThat(expected.keySet().stream().map(Object::getClass).distinct())
                .hasSameSizeAs(OrderRejection.class.getPermittedSubclasses());
        expected.forEach((rejection, code) -> {
            var status = Errors.refused(rejection).getStatus();
            assertThat(status.getCode()).as("%s", rejection).isEqualTo(code);
            assertThat(status.getDescription()).isEqualTo(rejection.message());
        });
    }

    @Test
    void every_checkout_rejection_has_its_status_and_an_order_rejection_among_them_keeps_its_own() {
        Map<CheckoutRejection, Code> expected = Map.of(
                new CheckoutRejection.NoBuyerProfile(BUYER), Code.FAILED_PRECONDITION,
                new CheckoutRejection.EmptyBasket(BUYER), Code.FAILED_PRECONDITION,
                new CheckoutRejection.UnknownBook(BOOK), Code.FAILED_PRECONDITION,
                new CheckoutRejection.RetiredBook(BOOK, new BookTitle("Dune")), Code.FAILED_PRECONDITION,
                new CheckoutRejection.BasketAlreadyCheckedOut(BUYER, ORDER), Code.FAILED_PRECONDITION,
                new CheckoutRejection.OutOfStock(ORDER, List.of(BOOK)), Code.FAILED_PRECONDITION,
                new CheckoutRejection.PaymentDeclined(ORDER, "insufficient funds"), Code.FAILED_PRECONDITION,
                new CheckoutRejection.CheckoutNotConfirmed(ORDER), Code.FAILED_PRECONDITION,
                new OrderRejection.UnknownOrder(ORDER), Code.NOT_FOUND);
        assertThat(expected.keySet().stream().map(Object::getClass).distinct())
                .hasSameSizeAs(CheckoutRejection.class.getPermittedSubclasses());
        expected.forEach((rejection, code) -> {
            var status = Errors.refused(rejection).getStatus();
            assertThat(status.getCode()).as("%s", rejection).isEqualTo(code);
            assertThat(status.getDescription()).isEqualTo(rejection.message());
        });
    }

    @Test
    void every_basket_rejection_has_its_status() {
        Map<BasketRejection, Code> expected = Map.of(
                new BasketRejection.TooManyCopies(BUYER, BOOK, 98, 2), Code.INVALID_ARGUMENT,
                new BasketRejection.TooManyBooks(BUYER), Code.INVALID_ARGUMENT,
                new BasketRejection.BookListedTwice(BUYER, BOOK), Code.INVALID_ARGUMENT,
                new BasketRejection.NotInBasket(BUYER, BOOK), Code.NOT_FOUND,
                new BasketRejection.CheckedOutByAnotherOrder(BUYER, ORDER, ORDER), Code.FAILED_PRECONDITION);
        assertThat(expected.keySet().stream().map(Object::getClass).distinct())
                .hasSameSizeAs(BasketRejection.class.getPermittedSubclasses());
        expected.forEach((rejection, code) -> {
            var status = Errors.refused(rejection).getStatus();
            assertThat(status.getCode()).as("%s", rejection).isEqualTo(code);
            assertThat(status.getDescription()).isEqualTo(rejection.message());
        });
    }

    @Test
    void every_buyer_rejection_has_its_status() {
        assertThat(Errors.refused(new BuyerRejection.BuyerAlreadyExists(BUYER))
                        .getStatus()
                        .getCode())
                .isEqualTo(Code.ALREADY_EXISTS);
        assertThat(Errors.refused(new BuyerRejection.UnknownBuyer(BUYER))
                        .getStatus()
                        .getCode())
                .isEqualTo(Code.NOT_FOUND);
        var noSuchBuyer = Errors.refused(new BuyerRejection.NoSuchBuyer(BUYER)).getStatus();
        assertThat(noSuchBuyer.getCode()).isEqualTo(Code.NOT_FOUND);
        assertThat(noSuchBuyer.getDescription()).isEqualTo("no buyer " + BUYER);
        assertThat(BuyerRejection.class.getPermittedSubclasses()).hasSize(3);
    }

    @Test
    void failures_map_to_retryable_or_invalid_codes_and_nothing_internal_leaks() {
        var stream = StreamId.of(OrderService.STREAM, ORDER.value());
        Map<RuntimeException, Code> expected = Map.of(
                new ConflictPersisted(stream, 4), Code.ABORTED,
                new ConcurrencyConflict(stream, 3), Code.ABORTED,
                new IdempotencyKeyReused("r-1"), Code.FAILED_PRECONDITION,
                new RequestInFlight("r-1"), Code.ABORTED,
                new InvalidPageToken("not one this server gave"), Code.INVALID_ARGUMENT,
                new StoreUnavailable("db down at 10.0.0.5", new RuntimeException()), Code.UNAVAILABLE,
                new BasketStoreUnavailable("redis down", new RuntimeException()), Code.UNAVAILABLE,
                new IllegalArgumentException("a quantity is between 1 and 99, not 0"), Code.INVALID_ARGUMENT,
                new NullPointerException("secret internals"), Code.INTERNAL);
        expected.forEach((failure, code) -> {
            var status = Errors.statusOf(failure);
            assertThat(status.getCode()).as("%s", failure).isEqualTo(code);
            assertThat(status.getDescription()).doesNotContain("10.0.0.5", "secret");
            assertThat(status.getCause()).isNull();
        });
    }
}
