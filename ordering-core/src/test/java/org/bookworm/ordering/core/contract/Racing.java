package org.bookworm.ordering.core.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs racers on their own threads, released together by one latch so that they really overlap. */
public final class Racing {
    private Racing() {}

    /** One racer's work; its result or the exception it threw is collected. */
    @FunctionalInterface
    public interface Racer {
        Object run(int index) throws Exception;
    }

    /**
     * What each racer returned, or the exception it threw, by racer index. An {@link Error} (a failed assertion
     * inside a racer) fails the race.
     */
    public static List<Object> race(int racers, Racer racer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            var ready = new CountDownLatch(racers);
            var go = new CountDownLatch(1);
            var futures = new ArrayList<Future<Object>>();
            for (int i = 0; i < racers; i++) {
                int index = i;
                Callable<Object> task = () -> {
                    ready.countDown();
                    go.await();
                    return racer.run(index);
                };
                futures.add(pool.submit(task));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("all racers ready").isTrue();
            go.countDown();
            var results = new ArrayList<Object>();
            for (Future<Object> future : futures) {
                try {
                    results.add(future.get(120, TimeUnit.SECONDS));
                } catch (ExecutionException failed) {
                    if (failed.getCause() instanceof Error error) {
                        throw error;
                    }
                    results.add(failed.getCause());
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
