package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.basket.Catalog;
import org.bookworm.ordering.core.basket.StockStatus;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.Money;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every {@link Catalog} guarantees: books come back exactly as they were put (prices, sale price, stock status),
 * the latest put wins, and unknown ids are simply absent. A subclass only supplies a fresh, empty catalog.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@ExtendWith(NamesTheImplementation.class)
public abstract class CatalogContract {

    /** A fresh, empty catalog; creating it and cleaning up after it is the implementation's job. */
    protected abstract Catalog emptyCatalog();

    private static final BookId DUNE = new BookId(UUID.randomUUID());
    private static final BookId EMMA = new BookId(UUID.randomUUID());
    private static final BookId UNKNOWN = new BookId(UUID.randomUUID());

    private Catalog catalog;

    @BeforeEach
    final void createCatalog() {
        catalog = emptyCatalog();
    }

    @Test
    void an_empty_catalog_finds_nothing() {
        assertThat(catalog.books(List.of(DUNE, EMMA))).isEmpty();
        assertThat(catalog.books(List.of())).isEmpty();
    }

    @Test
    void a_book_comes_back_exactly_as_it_was_put() {
        Book dune = book(DUNE, "Dune", "12.50", null, StockStatus.IN_STOCK);
        Book emma = book(EMMA, "Emma — an “annotated” edition", "20.00", "15.99", StockStatus.OUT_OF_STOCK);

        catalog.put(dune);
        catalog.put(emma);

        assertThat(catalog.books(List.of(DUNE, EMMA))).isEqualTo(Map.of(DUNE, dune, EMMA, emma));
    }

    @Test
    void unknown_ids_are_simply_absent() {
        Book dune = book(DUNE, "Dune", "12.50", null, StockStatus.IN_STOCK);
        catalog.put(dune);

        assertThat(catalog.books(List.of(UNKNOWN, DUNE))).isEqualTo(Map.of(DUNE, dune));
        assertThat(catalog.books(List.of(UNKNOWN))).isEmpty();
    }

    @Test
    void the_latest_put_wins_and_is_seen_at_once() {
        catalog.put(book(DUNE, "Dune", "12.50", null, StockStatus.IN_STOCK));
        assertThat(catalog.books(List.of(DUNE))).containsKey(DUNE);

        Book repriced = book(DUNE, "Dune", "14.00", "9.99", StockStatus.OUT_OF_STOCK);
        catalog.put(repriced);
        Book again = book(DUNE, "Dune (2nd edition)", "14.00", "9.99", StockStatus.IN_STOCK);
        catalog.put(again);

        assertThat(catalog.books(List.of(DUNE))).isEqualTo(Map.of(DUNE, again));
        assertThat(catalog.books(List.of(DUNE)).get(DUNE).unitPrice()).isEqualTo(Money.of("9.99", "USD"));
    }

    @Test
    void asking_for_a_book_twice_answers_it_once() {
        Book dune = book(DUNE, "Dune", "12.50", null, StockStatus.IN_STOCK);
        catalog.put(dune);

        assertThat(catalog.books(List.of(DUNE, DUNE))).isEqualTo(Map.of(DUNE, dune));
    }

    @Test
    void a_retired_book_stays_in_the_catalog_marked_retired() {
        Book dune = book(DUNE, "Dune", "12.50", "9.99", StockStatus.IN_STOCK);
        catalog.put(dune);

        assertThat(catalog.retire(DUNE)).isTrue();
        assertThat(catalog.retire(DUNE)).as("retiring again").isTrue();

        assertThat(catalog.books(List.of(DUNE))).isEqualTo(Map.of(DUNE, dune.asRetired()));
        assertThat(catalog.books(List.of(DUNE)).get(DUNE).retired()).isTrue();
    }

    @Test
    void retiring_an_unknown_book_changes_nothing() {
        assertThat(catalog.retire(UNKNOWN)).isFalse();
        assertThat(catalog.books(List.of(UNKNOWN))).isEmpty();
    }

    @Test
    void a_retired_book_put_again_is_sold_again() {
        catalog.put(book(DUNE, "Dune", "12.50", null, StockStatus.IN_STOCK));
        catalog.retire(DUNE);
        Book back = book(DUNE, "Dune", "13.00", null, StockStatus.IN_STOCK);

        catalog.put(back);

        assertThat(catalog.books(List.of(DUNE))).isEqualTo(Map.of(DUNE, back));
    }

    private static Book book(BookId id, String title, String price, @Nullable String salePrice, StockStatus status) {
        return new Book(
                id,
                new BookTitle(title),
                Money.of(price, "USD"),
                salePrice == null ? null : Money.of(salePrice, "USD"),
                status);
    }
}
