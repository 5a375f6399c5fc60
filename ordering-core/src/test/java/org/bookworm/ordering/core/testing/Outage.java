package org.bookworm.ordering.core.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A fault switch in front of a real adapter: while the outage lasts, every call fails with the adapter's own
 * "unavailable" error and changes nothing; otherwise it goes through. Not a mock: the adapter behind it is the real
 * in-memory one, and the switch only stands for the network between.
 */
public final class Outage {
    private volatile boolean down;
    private final AtomicInteger refused = new AtomicInteger();

    public void begin() {
        down = true;
    }

    public void end() {
        down = false;
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
            if (down) {
                refused.incrementAndGet();
                throw failure.get();
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException thrown) {
                throw thrown.getCause();
            }
        });
        return port.cast(proxy);
    }
}
