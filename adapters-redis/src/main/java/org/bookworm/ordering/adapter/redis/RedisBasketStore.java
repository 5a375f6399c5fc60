package org.bookworm.ordering.adapter.redis;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bookworm.ordering.core.basket.Basket;
import org.bookworm.ordering.core.basket.BasketAnswer;
import org.bookworm.ordering.core.basket.BasketItem;
import org.bookworm.ordering.core.basket.BasketRejection;
import org.bookworm.ordering.core.basket.BasketRequest;
import org.bookworm.ordering.core.basket.BasketStore;
import org.bookworm.ordering.core.basket.BasketStoreUnavailable;
import org.bookworm.ordering.core.common.BookId;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Ids;
import org.bookworm.ordering.core.common.Quantity;
import org.bookworm.ordering.core.ordering.OrderId;
import org.jspecify.annotations.Nullable;

/**
 * Baskets as one Redis hash per buyer ({@code <prefix>basket:<buyer>}): a field per book holding its copies, the
 * checkout mark in the reserved field {@value #MARK} (never a book id, so never mistaken for a line), and while a
 * checkout holds the basket the copies it holds per book in {@value #HELD}{@code <book>} fields. Every update
 * touches single fields inside a Lua script that also checks the caps, so concurrent adds never lose one and never
 * pass 99 copies or 100 books; there is no whole-basket overwrite anywhere. Each write restarts the basket's TTL.
 *
 * <p>The answers of the basket's last {@value BasketStore#REMEMBERED_REQUESTS} request ids live next to it, in
 * {@code {<basket key>}:requests} and {@code {<basket key>}:request-order} (the basket key as hash tag, so a Redis
 * Cluster keeps all three in one slot), checked and written by the same script as the change, for {@link
 * #REQUEST_TTL} after the basket's last change with a request id. Any Redis failure surfaces as {@link
 * BasketStoreUnavailable}.
 */
final class RedisBasketStore implements BasketStore {
    static final String MARK = "~checkout";
    /** Prefix of the fields that count, per book, the copies the checkout holds ({@code ~held:<book>}). */
    static final String HELD = "~held:";
    /** How long the answers of a basket's request ids are kept after its last change with one. */
    static final Duration REQUEST_TTL = Duration.ofHours(24);

    private static final String PRELUDE = "basket-requests";
    private static final LuaScript ADD = LuaScript.withPrelude(PRELUDE, "basket-add");
    private static final LuaScript SET = LuaScript.withPrelude(PRELUDE, "basket-set");
    private static final LuaScript REMOVE = LuaScript.withPrelude(PRELUDE, "basket-remove");
    private static final LuaScript REPLACE = LuaScript.withPrelude(PRELUDE, "basket-replace");
    private static final LuaScript DELETE = LuaScript.withPrelude(PRELUDE, "basket-delete");
    private static final LuaScript MARK_CHECKED_OUT = LuaScript.named("basket-mark");
    private static final LuaScript RELEASE = LuaScript.named("basket-release");
    private static final LuaScript CLEAR = LuaScript.named("basket-clear");

    private final RedisConnection redis;
    private final String keyPrefix;
    private final String ttlMillis;

    RedisBasketStore(RedisConnection redis, RedisConfig config) {
        if (config.keyPrefix().contains("{") || config.keyPrefix().contains("}")) {
            throw new IllegalArgumentException("a Redis key prefix for baskets has no braces: they are hash tags");
        }
        this.redis = redis;
        this.keyPrefix = config.keyPrefix() + "basket:";
        this.ttlMillis = Long.toString(config.basketTtl().toMillis());
    }

    @Override
    public Basket get(BuyerId buyer) {
        return basket(buyer, call(connection -> connection.await(commands -> commands.hgetall(key(buyer)))));
    }

    @Override
    public BasketAnswer<Basket> add(BuyerId buyer, BookId book, Quantity quantity, @Nullable BasketRequest request) {
        var change = new Change(buyer, request, ADD);
        return change.run(
                answer -> new BasketRejection.TooManyCopies(
                        buyer, book, Integer.parseInt((String) answer.get(1)), quantity.value()),
                book.toString(),
                Integer.toString(quantity.value()),
                Integer.toString(Quantity.MAX),
                maxBooks());
    }

    @Override
    public BasketAnswer<Basket> set(BuyerId buyer, BookId book, Quantity quantity, @Nullable BasketRequest request) {
        return new Change(buyer, request, SET)
                .run(
                        answer -> new BasketRejection.NotInBasket(buyer, book),
                        book.toString(),
                        Integer.toString(quantity.value()));
    }

    @Override
    public BasketAnswer<Basket> remove(BuyerId buyer, BookId book, @Nullable BasketRequest request) {
        return new Change(buyer, request, REMOVE)
                .run(answer -> new BasketRejection.NotInBasket(buyer, book), book.toString());
    }

    @Override
    public BasketAnswer<Basket> replace(BuyerId buyer, List<BasketItem> items, @Nullable BasketRequest request) {
        var arguments = new ArrayList<String>(List.of(maxBooks()));
        for (BasketItem item : items) {
            arguments.add(item.book().toString());
            arguments.add(Integer.toString(item.quantity().value()));
        }
        return new Change(buyer, request, REPLACE)
                .run(
                        answer -> new BasketRejection.BookListedTwice(buyer, BookId.parse((String) answer.get(1))),
                        arguments.toArray(String[]::new));
    }

    @Override
    public BasketAnswer<Basket> delete(BuyerId buyer, @Nullable BasketRequest request) {
        return new Change(buyer, request, DELETE).run(answer -> {
            throw new IllegalStateException("deleting a basket is never refused");
        });
    }

    @Override
    public boolean markCheckedOut(BuyerId buyer, OrderId order) {
        Long marked = call(connection -> MARK_CHECKED_OUT.run(
                connection, ScriptOutputType.INTEGER, key(buyer), MARK, ttlMillis, order.toString()));
        return marked == 1L;
    }

    @Override
    public void releaseCheckout(BuyerId buyer, OrderId order) {
        call(connection ->
                RELEASE.run(connection, ScriptOutputType.INTEGER, key(buyer), MARK, ttlMillis, order.toString()));
    }

    @Override
    public Basket clearCheckedOut(BuyerId buyer, OrderId order, List<BasketItem> checkedOut) {
        var arguments = new ArrayList<String>(List.of(MARK, ttlMillis, order.toString()));
        for (BasketItem item : checkedOut) {
            arguments.add(item.book().toString());
            arguments.add(Integer.toString(item.quantity().value()));
        }
        List<Object> answer = call(connection ->
                CLEAR.run(connection, ScriptOutputType.MULTI, key(buyer), arguments.toArray(String[]::new)));
        return basket(buyer, fields(answer.subList(1, answer.size())));
    }

    /** One change of a buyer's basket through its script, with the request id's memory around it. */
    private final class Change {
        private final BuyerId buyer;
        private final @Nullable BasketRequest request;
        private final LuaScript script;

        Change(BuyerId buyer, @Nullable BasketRequest request, LuaScript script) {
            this.buyer = buyer;
            this.request = request;
            this.script = script;
        }

        /** Runs the script; {@code refusal} names the change's own refusal (COPIES, ABSENT or TWICE). */
        BasketAnswer<Basket> run(Function<List<Object>, BasketRejection> refusal, String... arguments) {
            String basketKey = key(buyer);
            String[] keys = {basketKey, "{" + basketKey + "}:requests", "{" + basketKey + "}:request-order"};
            var all = new ArrayList<String>(List.of(
                    MARK,
                    ttlMillis,
                    request == null ? "" : request.id(),
                    request == null ? "" : request.hash(),
                    Long.toString(REQUEST_TTL.toMillis()),
                    Integer.toString(REMEMBERED_REQUESTS)));
            all.addAll(List.of(arguments));
            List<Object> answer = call(
                    connection -> script.run(connection, ScriptOutputType.MULTI, keys, all.toArray(String[]::new)));
            return switch ((String) answer.getFirst()) {
                case "OK" -> new BasketAnswer.Done<>(basket(buyer, fields(answer.subList(1, answer.size()))));
                case "BOOKS" -> new BasketAnswer.Refused<>(new BasketRejection.TooManyBooks(buyer));
                case "COPIES", "ABSENT", "TWICE" -> new BasketAnswer.Refused<>(refusal.apply(answer));
                case "REUSED" -> new BasketAnswer.RequestReused<>(request == null ? "" : request.id());
                default -> throw new IllegalStateException(script + " answered an unknown status " + answer.getFirst());
            };
        }
    }

    private <T> T call(Function<RedisConnection, T> command) {
        try {
            return command.apply(redis);
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
            } else if (!field.getKey().startsWith(HELD)) { // held copies are the scripts' bookkeeping, not lines
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

    private static String maxBooks() {
        return Integer.toString(Basket.MAX_ITEMS);
    }
}
