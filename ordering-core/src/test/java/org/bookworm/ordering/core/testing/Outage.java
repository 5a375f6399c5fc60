package org.bookworm.ordering.core.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A fault switch in front of a real adapter: while the outage lasts, every call fails with the adapter's own
 * "unavailable" error and changes nothing; otherwise it goes through. One call can also be singled out: failed before
 * it reaches the adapter, or carried out and its answer lost (a timeout after the request left, as when the server
 * froze with the request in its socket). Not a mock: the adapter behind it is the real in-memory one, and the switch
 * only stands for the network between.
 */
public final class Outage {
    private volatile boolean down;
    private final AtomicInteger refused = new AtomicInteger();
    private volatile @Nullable Single single;

    /** One call to single out: the method's name, which arguments, and whether the adapter still carries it out. */
    private record Single(String method, Predicate<Object[]> which, boolean carriedOut) {}

    public void begin() {
        down = true;
    }

    public void end() {
        down = false;
    }

    /** The next call of {@code method} whose arguments match fails without reaching the adapter. */
    public void failNext(String method, Predicate<Object[]> which) {
        single = new Single(method, which, false);
    }

    /** The next call of {@code method} whose arguments match is carried out by the adapter, then fails. */
    public void loseNextAnswer(String method, Predicate<Object[]> which) {
        single = new Single(method, which, true);
    }

    /** How many calls the outage refused so far. */
    public int refused() {
        return refused.get();
    }

    /** {@code real}, seen through this outage. */
    public <T> T of(Class<T> port, T real, Supplier<? extends RuntimeException> failure) {
        Object proxy = Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (self, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(real, args);
            }
            Single chosen = single;
            boolean singledOut = chosen != null
                    && chosen.method().equals(method.getName())
                    && chosen.which().test(args == null ? new Object[0] : args);
            if (singledOut) {
                single = null;
            }
            if (down || (singledOut && !chosen.carriedOut())) {
                refused.incrementAndGet();
                throw failure.get();
            }
            Object answer;
            try {
                answer = method.invoke(real, args);
            } catch (InvocationTargetException thrown) {
                throw thrown.getCause();
            }
            if (singledOut) {
                refused.incrementAndGet();
                throw failure.get();
            }
            return answer;
        });
        return port.cast(proxy);
    }
}
