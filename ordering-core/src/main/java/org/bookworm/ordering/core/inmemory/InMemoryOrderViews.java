package org.bookworm.ordering.core.inmemory;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bookworm.ordering.core.common.Ids;
import org.bookworm.ordering.core.common.Page;
import org.bookworm.ordering.core.ordering.OrderId;
import org.bookworm.ordering.core.ordering.OrderQuery;
import org.bookworm.ordering.core.ordering.OrderSummary;
import org.bookworm.ordering.core.ordering.OrderView;
import org.bookworm.ordering.core.ordering.OrderViews;

/** Order read models in a map; lists sort and filter on every call. */
public final class InMemoryOrderViews implements OrderViews {
    static final Comparator<OrderSummary> NEWEST_FIRST = Comparator.comparing(OrderSummary::placedAt)
            .thenComparing((a, b) -> Ids.compare(a.id().value(), b.id().value()))
            .reversed();

    private final ConcurrentHashMap<OrderId, OrderView> views = new ConcurrentHashMap<>();

    @Override
    public Optional<OrderView> find(OrderId id) {
        return Optional.ofNullable(views.get(id));
    }

    @Override
    public Page<OrderSummary> list(OrderQuery query) {
        var cursor = query.cursor();
        List<OrderSummary> matching = views.values().stream()
                .filter(view -> !view.deleted())
                .filter(view -> query.buyer() == null || view.buyer().equals(query.buyer()))
                .filter(view -> query.status() == null || view.status() == query.status())
                .map(OrderView::summary)
                .sorted(NEWEST_FIRST)
                .filter(summary -> cursor.isEmpty() || isAfter(summary, cursor.get()))
                .limit(query.page().size() + 1L)
                .toList();
        if (matching.size() <= query.page().size()) {
            return new Page<>(matching, null);
        }
        List<OrderSummary> page = matching.subList(0, query.page().size());
        return new Page<>(page, query.tokenAfter(page.get(page.size() - 1)));
    }

    private static boolean isAfter(OrderSummary summary, OrderQuery.Cursor cursor) {
        int byTime = summary.placedAt().compareTo(cursor.placedAt());
        return byTime < 0
                || (byTime == 0 && Ids.compare(summary.id().value(), cursor.id().value()) < 0);
    }

    @Override
    public void save(OrderView view) {
        views.merge(view.id(), view, (old, neu) -> neu.version() > old.version() ? neu : old);
    }

    @Override
    public void clear() {
        views.clear();
    }
}
