package org.bookworm.ordering.core.basket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Caller;
import org.bookworm.ordering.core.common.Money;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.inmemory.InMemoryBasketStore;
import org.bookworm.ordering.core.inmemory.InMemoryCatalog;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(ReplaceUnderscores.class)
class BasketServiceTest {
    private static final BookId ON_SALE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000001"));
    private static final BookId ZERO_SALE = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-000000000002"));
    private static final BookId UNKNOWN = new BookId(UUID.fromString("0192f0c8-0000-7000-8000-0000000000ff"));
    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final BasketService baskets = new BasketService(new InMemoryBasketStore(), catalog);
    private final Caller ada = Caller.buyer(new BuyerId(UUID.randomUUID()));
    private final Caller bob = Caller.buyer(new BuyerId(UUID.randomUUID()));

    BasketServiceTest() {
        catalog.put(new Book(ON_SALE, new BookTitle("Dune"), usd("20.00"), usd("15.00"), StockStatus.IN_STOCK));
        catalog.put(new Book(ZERO_SALE, new BookTitle("Emma"), usd("10.00"), usd("0.00"), StockStatus.IN_STOCK));
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void a_basket_is_priced_at_the_sale_price_when_above_zero_else_the_list_price() {
        baskets.add(ada, ON_SALE, Quantity.of(2));
        PricedBasket basket = baskets.add(ada, ZERO_SALE, Quantity.of(1)).orElseThrow();

        assertThat(basket.items()).extracting(PricedBasket.Item::unitPrice).containsExactly(usd("15.00"), usd("10.00"));
        assertThat(basket.total()).isEqualTo(usd("40.00"));
        assertThat(basket.items().get(0).title()).isEqualTo(new BookTitle("Dune"));
        assertThat(basket.items().get(0).price()).as("the list price").isEqualTo(usd("20.00"));
        assertThat(basket.items().get(0).salePrice()).isEqualTo(usd("15.00"));
    }

    @Test
    void an_unknown_book_shows_without_a_price_and_the_basket_without_a_total() {
        PricedBasket basket = baskets.add(ada, UNKNOWN, Quantity.of(1)).orElseThrow();

        assertThat(basket.items().get(0).known()).isFalse();
        assertThat(basket.total()).isNull();
    }

    @Test
    void each_caller_works_on_their_own_basket_only() {
        baskets.add(ada, ON_SALE, Quantity.of(1));
        baskets.replace(bob, List.of(new BasketItem(ZERO_SALE, Quantity.of(3))));

        assertThat(baskets.get(ada).items()).extracting(PricedBasket.Item::book).containsExactly(ON_SALE);
        assertThat(baskets.remove(bob, ZERO_SALE).orElseThrow().items()).isEmpty();
        assertThat(baskets.get(ada).items()).hasSize(1);
        baskets.delete(ada);
        assertThat(baskets.get(ada).items()).isEmpty();
    }

    @Test
    void a_cap_is_refused_and_changes_nothing() {
        baskets.add(ada, ON_SALE, Quantity.of(98));

        assertThat(baskets.add(ada, ON_SALE, Quantity.of(2)))
                .isEqualTo(new BasketAnswer.Refused<PricedBasket>(
                        new BasketRejection.TooManyCopies(ada.buyerId(), ON_SALE, 98, 2)));
        assertThat(baskets.get(ada).items().get(0).quantity()).isEqualTo(Quantity.of(98));
    }

    @Test
    void a_change_retried_with_its_request_id_is_made_once_and_the_id_is_bound_to_what_was_asked() {
        var first = baskets.add(ada, "add-dune", ON_SALE, Quantity.of(2));

        assertThat(baskets.add(ada, "add-dune", ON_SALE, Quantity.of(2))).isEqualTo(first);
        assertThat(baskets.add(ada, "add-dune", ON_SALE, Quantity.of(3)))
                .isEqualTo(new BasketAnswer.RequestReused<PricedBasket>("add-dune"));
        assertThat(baskets.set(ada, "add-dune", ON_SALE, Quantity.of(2)))
                .as("the same id for another kind of change")
                .isEqualTo(new BasketAnswer.RequestReused<PricedBasket>("add-dune"));
        assertThat(baskets.get(ada).items().get(0).quantity()).isEqualTo(Quantity.of(2));
    }
}
