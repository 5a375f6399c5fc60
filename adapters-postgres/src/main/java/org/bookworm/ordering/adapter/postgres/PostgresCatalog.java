package org.bookworm.ordering.adapter.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.bookworm.ordering.core.basket.Book;
import org.bookworm.ordering.core.basket.Catalog;
import org.bookworm.ordering.core.basket.StockStatus;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BookTitle;
import org.bookworm.ordering.core.common.Money;

/**
 * The catalog in {@code basket.books} (V8): one row per book, prices as minor units of the book's one currency. A put
 * is an upsert (so a retired book put again is sold again); retiring sets a flag and keeps the row.
 */
final class PostgresCatalog implements Catalog {
    private final DataSource dataSource;

    PostgresCatalog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Map<BookId, Book> books(Collection<BookId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        UUID[] wanted = ids.stream().map(BookId::value).distinct().toArray(UUID[]::new);
        var found = new HashMap<BookId, Book>();
        Jdbc.withConnection(
                        dataSource,
                        "read books",
                        c -> Jdbc.query(
                                c,
                                "SELECT book_id, title, currency, price_minor, sale_price_minor, stock_status, retired"
                                        + " FROM basket.books WHERE book_id = ANY (?)",
                                ps -> ps.setArray(1, c.createArrayOf("uuid", wanted)),
                                PostgresCatalog::book))
                .forEach(book -> found.put(book.id(), book));
        return found;
    }

    @Override
    public void put(Book book) {
        Jdbc.withConnection(
                dataSource,
                "put a book",
                c -> Jdbc.update(
                        c,
                        "INSERT INTO basket.books (book_id, title, currency, price_minor, sale_price_minor,"
                                + " stock_status, retired) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (book_id) DO UPDATE"
                                + " SET title = EXCLUDED.title, currency = EXCLUDED.currency,"
                                + " price_minor = EXCLUDED.price_minor, sale_price_minor = EXCLUDED.sale_price_minor,"
                                + " stock_status = EXCLUDED.stock_status, retired = EXCLUDED.retired",
                        ps -> bind(ps, book)));
    }

    @Override
    public boolean retire(BookId id) {
        return Jdbc.withConnection(
                        dataSource,
                        "retire a book",
                        c -> Jdbc.update(
                                c,
                                "UPDATE basket.books SET retired = true WHERE book_id = ?",
                                ps -> ps.setObject(1, id.value())))
                > 0;
    }

    private static void bind(PreparedStatement ps, Book book) throws SQLException {
        ps.setObject(1, book.id().value());
        ps.setString(2, book.title().value());
        ps.setString(3, book.price().currency().getCurrencyCode());
        ps.setLong(4, book.price().minorUnits());
        if (book.salePrice() == null) {
            ps.setNull(5, Types.BIGINT);
        } else {
            ps.setLong(5, book.salePrice().minorUnits());
        }
        ps.setString(6, book.status().name());
        ps.setBoolean(7, book.retired());
    }

    private static Book book(ResultSet rs) throws SQLException {
        Currency currency = Currency.getInstance(rs.getString(3));
        long sale = rs.getLong(5);
        boolean onSale = !rs.wasNull();
        return new Book(
                new BookId(rs.getObject(1, UUID.class)),
                new BookTitle(rs.getString(2)),
                new Money(rs.getLong(4), currency),
                onSale ? new Money(sale, currency) : null,
                StockStatus.valueOf(rs.getString(6)),
                rs.getBoolean(7));
    }
}
