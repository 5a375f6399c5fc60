package org.bookworm.ordering.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bookworm.ordering.core.common.BuyerId;
import org.jspecify.annotations.Nullable;

/**
 * A fault trigger, not a mock: armed with one checkout step and one real store, it freezes that store (SIGSTOP of the
 * test's own server, by PID) the first time the step calls its port, and thaws it (SIGCONT) a fixed time later from
 * a thread of its own. The port's call goes on to the real adapter right after the freeze, so it meets a really
 * frozen server; what happens then is the real adapters' and services' doing.
 */
final class StepFreezer implements AutoCloseable {

    /** The calls of a checkout that can be frozen, each at the port it goes through. */
    enum Step {
        /** PlaceOrder marks the basket as checked out ({@code BasketStore.markCheckedOut}). */
        BASKET_MARK,
        /** PlaceOrder appends OrderPlaced ({@code EventStore.append}). */
        ORDER_PLACED,
        /** The saga reserves the stock ({@code Inventory.reserve}). */
        RESERVE,
        /** The saga asks the payment gateway for an authorization ({@code PaymentGateway.authorize}). */
        AUTHORIZE,
        /** The saga confirms the order (append of OrderConfirmed). */
        ORDER_CONFIRMED,
        /** The saga fails the order (append of OrderFailed). */
        ORDER_FAILED,
        /** Basket clearing after confirmation ({@code BasketStore.clearCheckedOut}). */
        BASKET_CLEAR,
        /** The basket's release after a failed checkout ({@code BasketStore.releaseCheckout}). */
        BASKET_RELEASE
    }

    /** A real store the test owns, stopped and continued by PID. */
    interface Fault {
        void freeze();

        /** Continues the store; harmless when it runs. */
        void thaw();
    }

    /** One armed freeze: when it fired and when the store was thawed again. */
    private static final class Armed {
        final Step step;
        final BuyerId buyer;
        final Fault fault;
        final AtomicBoolean fired = new AtomicBoolean();
        final CountDownLatch thawed = new CountDownLatch(1);
        volatile @Nullable Instant thawedAt;
        /** Why continuing the store failed, if it did (the scheduled thaw has no caller to throw to). */
        volatile @Nullable Throwable thawFailure;

        Armed(Step step, BuyerId buyer, Fault fault) {
            this.step = step;
            this.buyer = buyer;
            this.fault = fault;
        }
    }

    private final Duration freeze;
    private final ScheduledExecutorService thawer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fault-thaw").daemon().factory());
    private volatile @Nullable Armed armed;

    StepFreezer(Duration freeze) {
        this.freeze = freeze;
    }

    /**
     * From now on, the first call of {@code step} for {@code buyer}'s checkout freezes {@code fault}'s store for the
     * freeze time. A call that does not name its buyer (stock, payment, order events but OrderPlaced) counts as the
     * buyer's: the test runs one checkout at a time.
     */
    void arm(Step step, BuyerId buyer, Fault fault) {
        armed = new Armed(step, buyer, fault);
    }

    /** Called by the decorated ports just before they hand {@code step}'s call to the real adapter. */
    void reached(Step step, @Nullable BuyerId buyer) {
        Armed now = armed;
        if (now == null
                || now.step != step
                || (buyer != null && !buyer.equals(now.buyer))
                || !now.fired.compareAndSet(false, true)) {
            return;
        }
        now.fault.freeze();
        thawer.schedule(() -> thaw(now), freeze.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Waits until the armed step was reached and its store thawed again; returns the instant of the thaw.
     *
     * @throws AssertionError if the step was not reached within {@code limit}: the scenario would test nothing
     */
    Instant awaitThawed(Duration limit) throws InterruptedException {
        Armed now = Objects.requireNonNull(armed, "nothing armed");
        if (!now.thawed.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(
                    "step " + now.step + (now.fired.get() ? " froze its store but it was not thawed" : " never came")
                            + " within " + limit);
        }
        Throwable failure = now.thawFailure;
        if (failure != null) {
            throw new AssertionError("step " + now.step + " froze its store and continuing it failed", failure);
        }
        return Objects.requireNonNull(now.thawedAt);
    }

    /** Thaws the armed store now, whatever happened (a failed scenario must not leave a server stopped). */
    void disarm() {
        Armed now = armed;
        armed = null;
        if (now != null) {
            thaw(now);
        }
    }

    /** Continues the store; a thaw that fails still ends the wait, and awaitThawed reports why. */
    private static void thaw(Armed armed) {
        try {
            armed.fault.thaw();
        } catch (RuntimeException | AssertionError failed) {
            if (armed.thawFailure == null) {
                armed.thawFailure = failed;
            }
        } finally {
            if (armed.thawedAt == null) {
                armed.thawedAt = Instant.now();
            }
            armed.thawed.countDown();
        }
    }

    @Override
    public void close() {
        disarm();
        thawer.shutdownNow();
    }
}
