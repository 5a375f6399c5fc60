package org.bookworm.ordering.core.eventsourcing;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Driven port: how far each subscription has handled the global log. */
public interface Checkpoints {

    /** The last position handled, or {@link LogPosition#START}. */
    LogPosition load(String subscription);

    void save(String subscription, LogPosition position);

    /**
     * The checkpoints of several subscriptions at once, each as {@link #load} answers it, in the order asked: the
     * partitions a process holds of one subscription, loaded in one pass (ADR 0034's update of 2026-12-07). A store
     * that keeps them in one table may read them in one statement; the default loads them one by one.
     */
    default Map<String, LogPosition> loadAll(List<String> subscriptions) {
        var positions = new LinkedHashMap<String, LogPosition>();
        for (String subscription : subscriptions) {
            positions.put(subscription, load(subscription));
        }
        return positions;
    }

    /** What a pass over a subscription starts from: the checkpoints asked for and the subscription's held lanes. */
    record PassStart(Map<String, LogPosition> checkpoints, List<DeadLetters.Lane> lanes) {
        public PassStart {
            checkpoints = Collections.unmodifiableMap(new LinkedHashMap<>(checkpoints));
            lanes = List.copyOf(lanes);
        }
    }

    /**
     * The checkpoints of {@code keys}, as {@link #loadAll} answers them, with {@code subscription}'s held lanes in
     * {@code held}, as {@link DeadLetters#lanes} answers them: what each pass of a subscription loads before it reads
     * the log (ADR 0050). A store that keeps both may read them in one statement; the default asks each store once.
     */
    default PassStart loadPass(List<String> keys, DeadLetters held, String subscription) {
        return new PassStart(loadAll(keys), held.lanes(subscription));
    }

    /**
     * Saves several subscriptions' checkpoints at once (the partitions a process holds of one subscription, after one
     * pass over them). The default saves them one by one; a partition owner's fenced store saves them in one fenced
     * statement ({@link Leases#saveFenced(Checkpoints, List)}).
     */
    default void saveAll(Map<String, LogPosition> positions) {
        positions.forEach(this::save);
    }
}
