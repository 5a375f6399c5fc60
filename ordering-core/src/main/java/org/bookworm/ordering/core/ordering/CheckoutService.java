package org.bookworm.ordering.core.ordering;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketCheckouts;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketStoreUnavailable;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.basket.Catalog;
import org.bookworm.ordering.core.basket.Inventory;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner;
import org.bookworm.ordering.core.eventsourcing.EventSourcedRunner.IdempotencyRequest;
import org.bookworm.ordering.core.eventsourcing.Metadata;
import org.bookworm.ordering.core.eventsourcing.Outcome;
import org.bookworm.ordering.core.eventsourcing.RequestClaims;
import org.bookworm.ordering.core.eventsourcing.RequestHash;
import org.bookworm.ordering.core.finance.CheckoutRequests;
import org.bookworm.ordering.core.finance.PaymentAuthorizations;
import org.bookworm.ordering.core.finance.PaymentMethod;
import org.bookworm.ordering.core.ordering.CheckoutRejection.BasketAlreadyCheckedOut;
import org.bookworm.ordering.core.ordering.CheckoutRejection.EmptyBasket;
import org.bookworm.ordering.core.ordering.CheckoutRejection.NoBuyerProfile;
import org.bookworm.ordering.core.ordering.CheckoutRejection.UnknownBook;
import org.jspecify.annotations.Nullable;

/**
 * PlaceOrder from the caller's own basket (BookWorm's {@code POST /api/v1/orders}). Refused, with nothing written:
 * no buyer profile, an empty basket, a book the catalog does not know (named), a basket that another order's checkout
 * holds ("basket already checked out"). Otherwise it writes the payment method to the checkout stream (the checkout
 * request, whose deadline frees the basket if the order is never placed), marks the basket as checked out by the new
 * order, and places the order with the catalog's prices (sale price when above zero) and a snapshot of the buyer's
 * name, e-mail and address. The profile is read from the buyer's own stream, so a profile created or changed just
 * before is the one used (read-your-writes, ADR 0019). With a request id, the whole placement runs once per id (ADR
 * 0018): a retry, even one racing the first call, answers with the first order (even after the basket was cleared);
 * the same id with another payment method is {@link IdempotencyKeyReused}. The answer's stream is {@code
 * order-<id>}: its id is the new order's. A basket line of a book the catalog has retired is refused the same way
 * ({@code RetiredBook}, naming the book).
 *
 * <p>When PlaceOrder fails with a store unavailable, the order may still have been placed (ADR 0014): a retry with the
 * same request id then answers with it, and the basket stays checked out until the order is confirmed and its basket
 * cleared, or failed and its basket released; when it was not placed, until its checkout request times out (one
 * checkout step).
 */
public final class CheckoutService {
    private final EventSourcedRunner.Stores stores;
    private final OrderService orders;
    private final CheckoutRequests sagas;
    private final BasketCheckouts baskets;
    private final Catalog catalog;
    private final BuyerService buyers;
    private final OrderModifications modifications;

    public CheckoutService(
            EventSourcedRunner.Stores stores,
            OrderService orders,
            CheckoutRequests sagas,
            BasketCheckouts baskets,
            Catalog catalog,
            BuyerService buyers,
            Inventory inventory,
            PaymentAuthorizations payments) {
        this.modifications = new OrderModifications(orders, sagas, inventory, payments);
        this.stores = stores;
        this.orders = orders;
        this.sagas = sagas;
        this.baskets = baskets;
        this.catalog = catalog;
        this.buyers = buyers;
    }

    public Outcome<CheckoutRejection> placeOrder(
            Caller caller, @Nullable String requestId, PaymentMethod paymentMethod) {
        BuyerId buyer = caller.buyerId();
        var idempotency = requestId == null
                ? null
                : new IdempotencyRequest(
                        caller.subject(), requestId, RequestHash.of("checkout", buyer, paymentMethod.token()));
        return orders.claims().once(idempotency, claim -> placeClaimed(caller, requestId, claim, paymentMethod));
    }

    private Outcome<CheckoutRejection> placeClaimed(
            Caller caller, @Nullable String requestId, RequestClaims.@Nullable Claim claim, PaymentMethod method) {
        BuyerId buyer = caller.buyerId();
        if (!(buyers.load(caller, buyer) instanceof BuyerState.Active profile)) {
            return refused(new NoBuyerProfile(buyer));
        }
        Basket basket = baskets.get(buyer);
        if (basket.isEmpty()) {
            return refused(new EmptyBasket(buyer));
        }
        OrderId halfWay = basket.checkedOutBy();
        if (halfWay != null && !leftHalfWayBy(caller, requestId, halfWay)) {
            return refused(new BasketAlreadyCheckedOut(buyer, halfWay));
        }
        Map<BookId, Book> books =
                catalog.books(basket.items().stream().map(BasketItem::book).toList());
        List<OrderLine> lines = priced(basket, books);
        if (lines.size() < basket.items().size()) {
            BookId first = basket.items().get(lines.size()).book();
            Book book = books.get(first);
            return refused(
                    book == null ? new UnknownBook(first) : new CheckoutRejection.RetiredBook(first, book.title()));
        }
        return place(caller, claim, orders.metadata(caller, requestId), profile, lines, method, halfWay);
    }

    /**
     * True when {@code order}, which holds the caller's basket, is the order an earlier attempt of this same request
     * left half-way (ADR 0036): its checkout was requested under this caller and request id, and it was never placed.
     * That attempt died or failed between the basket mark and the order (a process killed there, whose claim the
     * retry took over at once; a store that failed), so the retry places that order instead of being refused by its
     * mark.
     */
    private boolean leftHalfWayBy(Caller caller, @Nullable String requestId, OrderId order) {
        return requestId != null
                && stores.events().load(OrderService.stream(order), 0, 1).isEmpty()
                && sagas.pendingRequest(order)
                        .filter(request -> requestId.equals(request.requestId())
                                && caller.subject().equals(request.actor()))
                        .isPresent();
    }

    /** The basket's lines at the catalog's prices, up to the first book the catalog does not know or has retired. */
    private static List<OrderLine> priced(Basket basket, Map<BookId, Book> books) {
        var lines = new ArrayList<OrderLine>();
        for (BasketItem item : basket.items()) {
            Book book = books.get(item.book());
            if (book == null || book.retired()) {
                break;
            }
            lines.add(new OrderLine(item.book(), book.title(), item.quantity(), book.unitPrice()));
        }
        return lines;
    }

    private Outcome<CheckoutRejection> place(
            Caller caller,
            RequestClaims.@Nullable Claim claim,
            Metadata metadata,
            BuyerState.Active profile,
            List<OrderLine> lines,
            PaymentMethod paymentMethod,
            @Nullable OrderId halfWay) {
        BuyerId buyer = profile.id();
        var order = halfWay != null ? halfWay : new OrderId(stores.ids().next());
        // The request goes first: it carries the payment method the saga needs when the placement reaches it, and
        // its durable deadline abandons the checkout and frees the basket if the order is never placed. So a mark
        // whose outcome is unknown (a store that failed mid-call, a crash) cannot hold the basket for good.
        // Both streams carry the request's audit data: one correlation id for the whole checkout. An order left
        // half-way by an earlier attempt of this request has both already.
        if (halfWay == null) {
            sagas.requestCheckout(order, buyer, paymentMethod, stores.clock().instant(), metadata);
            if (!mark(buyer, order)) {
                OrderId holder = baskets.get(buyer).checkedOutBy();
                return refused(new BasketAlreadyCheckedOut(buyer, holder == null ? order : holder));
            }
        }
        var snapshot = new BuyerSnapshot(buyer, profile.name(), profile.email());
        // A failure here leaves the placement unknown (the append may commit after its answer was lost): the mark
        // stays, for the order if it was placed, else until the request's deadline frees it. Lifting it now could
        // leave a placed order's basket open to a second order and to no clearing.
        Outcome<OrderRejection> outcome =
                orders.placeClaimed(caller, claim, metadata, order, snapshot, profile.address(), lines);
        return switch (outcome) {
            case Outcome.Done<OrderRejection> done -> {
                if (!done.stream().id().equals(order.value())) {
                    release(buyer, order); // the request id's first order answers: this one was never placed
                }
                yield new Outcome.Done<>(done.stream(), done.version());
            }
            case Outcome.Refused<OrderRejection> refused -> {
                if (!(refused.reason() instanceof OrderRejection.AlreadyPlaced)) {
                    release(buyer, order); // never lift the mark of an order that exists
                }
                yield refused(refused.reason());
            }
        };
    }

    /**
     * Marks the basket for {@code order}. When the store fails mid-call the mark may still land (its command was
     * sent), so it is lifted again at once; if that fails too, the request's deadline lifts it.
     */
    private boolean mark(BuyerId buyer, OrderId order) {
        try {
            return baskets.markCheckedOut(buyer, order);
        } catch (BasketStoreUnavailable unknown) {
            try {
                baskets.releaseCheckout(buyer, order);
            } catch (BasketStoreUnavailable stillDown) {
                unknown.addSuppressed(stillDown);
            }
            throw unknown;
        }
    }

    /** Lifts the mark of an order known not to be placed; if the store is down, the request's deadline lifts it. */
    private void release(BuyerId buyer, OrderId order) {
        try {
            baskets.releaseCheckout(buyer, order);
        } catch (BasketStoreUnavailable down) {
            // the answer stands: the checkout request of this order is abandoned at its deadline, which frees it
        }
    }

    /**
     * Modifies an order before its first shipment, keeping stock and payment in step. An address change goes straight
     * to Ordering. A quantity change or a removed line is allowed once checkout has confirmed the order: the
     * reservation is adjusted first (all or nothing), then a higher total is authorized for the difference, then the
     * order is modified. If stock or payment refuse, the modification is refused and nothing changes (the
     * reservation is put back); the chosen policy is "refuse", never "modify and revert later". A lower total needs
     * no payment step: shipments capture less and completion voids the rest.
     */
    public Outcome<CheckoutRejection> modifyOrder(
            Caller caller, @Nullable String requestId, OrderId order, Modification change) {
        return modifications.modify(caller, requestId, order, change);
    }

    private static Outcome<CheckoutRejection> refused(CheckoutRejection rejection) {
        return new Outcome.Refused<>(rejection);
    }
}
