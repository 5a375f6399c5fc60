package org.bookworm.ordering.core.inmemory;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.bookworm.ordering.core.common.BuyerId;
import org.bookworm.ordering.core.common.Ids;
import org.bookworm.ordering.core.common.Page;
import org.bookworm.ordering.core.common.PageRequest;
import org.bookworm.ordering.core.ordering.BuyerView;
import org.bookworm.ordering.core.ordering.BuyerViews;

/** Buyer read models in a map. */
final class InMemoryBuyerViews implements BuyerViews {
    private final ConcurrentHashMap<BuyerId, BuyerView> views = new ConcurrentHashMap<>();

    @Override
    public Optional<BuyerView> find(BuyerId id) {
        return Optional.ofNullable(views.get(id));
    }

    @Override
    public Page<BuyerView> list(PageRequest page) {
        UUID after = page.token() == null ? null : Ids.parse(page.token(), "page token");
        List<BuyerView> matching = views.values().stream()
                .filter(view -> !view.deleted())
                .sorted((a, b) -> Ids.compare(a.id().value(), b.id().value()))
                .filter(view -> after == null || Ids.compare(view.id().value(), after) > 0)
                .limit(page.size() + 1L)
                .toList();
        if (matching.size() <= page.size()) {
            return new Page<>(matching, null);
        }
        List<BuyerView> items = matching.subList(0, page.size());
        return new Page<>(items, items.get(items.size() - 1).id().toString());
    }

    @Override
    public void save(BuyerView view) {
        views.merge(view.id(), view, (old, neu) -> neu.version() > old.version() ? neu : old);
    }

    @Override
    public void clear() {
        views.clear();
    }
}
