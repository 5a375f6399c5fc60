package org.bookworm.ordering.adapter.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketLimitExceeded;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.basket.BasketStoreUnavailable;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Ids;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.order.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * Baskets as one Redis hash per buyer ({@code <prefix>basket:<buyer>}): a field per book holding its copies, and the
 * checkout mark in the reserved field {@value #MARK} (never a book id, so never mistaken for a line), and while a
 * checkout holds the basket the copies it holds per book in {@value #HELD}{@code <book>} fields. Every update
 * touches single fields inside a Lua script that also checks the caps, so concurrent adds never lose one and never
 * pass 99 copies or 100 books; there is no whole-basket overwrite anywhere. Each write restarts the basket's TTL.
 * Any Redis failure surfaces as {@link BasketStoreUnavailable}.
 */
final class RedisBasketStore implements BasketStore {
    static final String MARK = "~checkout";
    /** Prefix of the fields that count, per book, the copies the checkout holds ({@code ~held:<book>}). */
    static final String HELD = "~held:";

    private static final String OK = "OK";

    private static final LuaScript ADD = LuaScript.named("basket-add");
    private static final LuaScript SET = LuaScript.named("basket-set");
    private static final LuaScript REMOVE = LuaScript.named("basket-remove");
    private static final LuaScript REPLACE = LuaScript.named("basket-replace");
    private static final LuaScript MARK_CHECKED_OUT = LuaScript.named("basket-mark");
    private static final LuaScript RELEASE = LuaScript.named("basket-release");
    private static final LuaScript CLEAR = LuaScript.named("basket-clear");

    private final RedisConnection redis;
    private final String keyPrefix;
    private final String ttlMillis;

    RedisBasketStore(RedisConnection redis, RedisConfig config) {
        this.redis = redis;
        this.keyPrefix = config.keyPrefix() + "basket:";
        this.ttlMillis = Long.toString(config.basketTtl().toMillis());
    }

    @Override
    public Basket get(BuyerId buyer) {
        return basket(buyer, call(commands -> commands.hgetall(key(buyer))));
    }

    @Override
    public Basket add(BuyerId buyer, BookId book, Quantity quantity) {
        return update(
                buyer,
                ADD,
                book.toString(),
                Integer.toString(quantity.value()),
                Integer.toString(Quantity.MAX),
                maxBooks());
    }

    @Override
    public Basket set(BuyerId buyer, BookId book, Quantity quantity) {
        return update(buyer, SET, book.toString(), Integer.toString(quantity.value()), maxBooks());
    }

    @Override
    public Basket remove(BuyerId buyer, BookId book) {
        return update(buyer, REMOVE, book.toString());
    }

    @Override
    public Basket replace(BuyerId buyer, List<BasketItem> items) {
        new Basket(buyer, items, null); // refuses 101 books or a book listed twice before anything is written
        return update(buyer, REPLACE, pairs(List.of(), items));
    }

    @Override
    public void delete(BuyerId buyer) {
        call(commands -> commands.del(key(buyer)));
    }

    @Override
    public boolean markCheckedOut(BuyerId buyer, OrderId order) {
        Long marked = call(commands -> MARK_CHECKED_OUT.run(
                commands, ScriptOutputType.INTEGER, key(buyer), MARK, ttlMillis, order.toString()));
        return marked == 1L;
    }

    @Override
    public void releaseCheckout(BuyerId buyer, OrderId order) {
        call(commands ->
                RELEASE.run(commands, ScriptOutputType.INTEGER, key(buyer), MARK, ttlMillis, order.toString()));
    }

    @Override
    public Basket clearCheckedOut(BuyerId buyer, OrderId order, List<BasketItem> checkedOut) {
        return update(buyer, CLEAR, pairs(List.of(order.toString()), checkedOut));
    }

    private Basket update(BuyerId buyer, LuaScript script, String... arguments) {
        var all = new ArrayList<String>(List.of(MARK, ttlMillis));
        all.addAll(List.of(arguments));
        List<Object> answer =
                call(commands -> script.run(commands, ScriptOutputType.MULTI, key(buyer), all.toArray(String[]::new)));
        String status = (String) answer.getFirst();
        return switch (status) {
            case OK -> basket(buyer, fields(answer.subList(1, answer.size())));
            case "COPIES" ->
                throw new BasketLimitExceeded(
                        "at most " + Quantity.MAX + " copies of a book: the basket has " + answer.get(1));
            case "BOOKS" ->
                throw new BasketLimitExceeded("a basket holds at most " + Basket.MAX_ITEMS + " different books");
            default -> throw new IllegalStateException(script + " answered an unknown status " + status);
        };
    }

    private <T> T call(Function<RedisCommands<String, String>, T> command) {
        try {
            return command.apply(redis.commands());
        } catch (RedisException unreachable) {
            // connection refused or lost, a timeout, or commands rejected while reconnecting: all mean the same
            // to a buyer, and none may hang the caller
            throw new BasketStoreUnavailable("basket store unavailable", unreachable);
        }
    }

    private String key(BuyerId buyer) {
        return keyPrefix + buyer;
    }

    private static Basket basket(BuyerId buyer, Map<String, String> fields) {
        @Nullable OrderId mark = null;
        var items = new ArrayList<BasketItem>();
        for (Map.Entry<String, String> field : fields.entrySet()) {
            if (field.getKey().equals(MARK)) {
                mark = OrderId.parse(field.getValue());
            } else if (field.getKey().startsWith(HELD)) {
                continue; // the copies the checkout holds: bookkeeping of the scripts, not a line
            } else {
                items.add(
                        new BasketItem(BookId.parse(field.getKey()), Quantity.of(Integer.parseInt(field.getValue()))));
            }
        }
        // a hash has no order of its own: answer lines in a stable one
        items.sort(Comparator.comparing(item -> item.book().value(), Ids::compare));
        return new Basket(buyer, items, mark);
    }

    private static Map<String, String> fields(List<Object> flat) {
        var fields = new LinkedHashMap<String, String>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put((String) flat.get(i), (String) flat.get(i + 1));
        }
        return fields;
    }

    private static String[] pairs(List<String> leading, List<BasketItem> items) {
        var arguments = new ArrayList<String>(leading);
        for (BasketItem item : items) {
            arguments.add(item.book().toString());
            arguments.add(Integer.toString(item.quantity().value()));
        }
        return arguments.toArray(String[]::new);
    }

    private static String maxBooks() {
        return Integer.toString(Basket.MAX_ITEMS);
    }
}
